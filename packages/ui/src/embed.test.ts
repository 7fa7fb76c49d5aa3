import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EmbedCode } from './embed-code';
import { EmbedFrame } from './embed-frame';
import { embedSnippet } from './embed-snippet';

describe('embedSnippet', () => {
  it('is a full-width, borderless, lazy iframe with the URL and title escaped', () => {
    expect(embedSnippet('http://h:1/resnet/embed/blocks?model=a&b="c"', { title: 'R<1>', height: 480.4 })).toBe(
      '<iframe src="http://h:1/resnet/embed/blocks?model=a&amp;b=&quot;c&quot;" title="R&lt;1&gt;" width="100%" height="480" loading="lazy" style="border:0"></iframe>',
    );
  });

  it('names a height that is not a positive number', () => {
    expect(() => embedSnippet('/x', { title: 't', height: 0 })).toThrow('embed height must be a positive number of pixels, got 0');
  });
});

describe('EmbedCode', () => {
  it('links the embed route and offers its snippet (origin-relative on the server) with a copy button', () => {
    const markup = renderToStaticMarkup(createElement(EmbedCode, { path: '/resnet/embed/blocks?model=r', title: 'the blocks', height: 400 }));
    expect(markup).toContain('<a href="/resnet/embed/blocks?model=r">/resnet/embed/blocks?model=r</a>');
    expect(markup).toContain('Copy embed code</button>');
    expect(markup).toContain('&lt;iframe src=&quot;/resnet/embed/blocks?model=r&quot;');
  });
});

describe('EmbedFrame', () => {
  it('is a bare main element marked as an embed', () => {
    expect(renderToStaticMarkup(createElement(EmbedFrame, null, 'x'))).toBe('<main class="embed" data-embed="">x</main>');
  });
});
