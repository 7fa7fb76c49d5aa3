import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SiteHeader } from './site-header';

describe('SiteHeader', () => {
  it('links the portal, every zone, jobs and import, in order, as plain links', () => {
    const markup = renderToStaticMarkup(createElement(SiteHeader, { current: 'resnet' }));
    const hrefs = [...markup.matchAll(/<a href="([^"]*)" data-section/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['/', '/alexnet', '/inception', '/resnet', '/jobs', '/import']);
    expect(markup).toContain('aria-label="Views"');
  });

  it('marks only the current section', () => {
    const markup = renderToStaticMarkup(createElement(SiteHeader, { current: 'resnet' }));
    expect(markup.match(/aria-current="page"/g)).toHaveLength(1);
    expect(markup).toMatch(/data-section="resnet" aria-current="page"/);
    expect(renderToStaticMarkup(createElement(SiteHeader, {}))).not.toContain('aria-current');
  });
});
