import { createElement } from 'react';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TabStrip } from './tab-strip';

const tabs = [
  { key: 'mixed3a', label: 'mixed3a', href: '/mixed3a' },
  { key: 'mixed3b', label: 'mixed3b', href: '/mixed3b', title: 'the second' },
];

describe('TabStrip', () => {
  it('draws one link per tab in a named navigation, the current one marked', () => {
    const markup = renderToStaticMarkup(createElement(TabStrip, { label: 'Layers', tabs, current: 'mixed3b' }));
    expect(markup).toContain('<nav class="bs-tabs" aria-label="Layers">');
    expect(markup).toContain('<a href="/mixed3a" data-tab="mixed3a">mixed3a</a>');
    expect(markup).toContain('<a href="/mixed3b" title="the second" data-tab="mixed3b" aria-current="page">mixed3b</a>');
  });

  it("draws the tabs with the app's link component when given one", () => {
    const Link = ({ href, children }: { href: string; children?: ReactNode }) => createElement('a', { href, className: 'router' }, children);
    const markup = renderToStaticMarkup(createElement(TabStrip, { label: 'Layers', tabs, current: 'mixed3a', link: Link }));
    expect(markup.match(/class="router"/g)).toHaveLength(2);
  });
});
