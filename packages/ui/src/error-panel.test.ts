import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorPanel } from './error-panel';

describe('ErrorPanel', () => {
  it('shows the title, the message and the code in an alert', () => {
    const markup = renderToStaticMarkup(
      createElement(ErrorPanel, { title: 'the models', message: 'Models: fetch failed', code: 'NETWORK_ERROR' }),
    );
    expect(markup).toContain('role="alert"');
    expect(markup).toContain('Could not load the models');
    expect(markup).toContain('Models: fetch failed');
    expect(markup).toContain('<code>NETWORK_ERROR</code>');
  });
});
