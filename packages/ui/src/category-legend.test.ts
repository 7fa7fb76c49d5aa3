import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CategoryLegend } from './category-legend';

describe('CategoryLegend', () => {
  it('names every category with its unit count', () => {
    const markup = renderToStaticMarkup(
      createElement(CategoryLegend, {
        entries: [
          { name: 'BW vs Color', group: 0, count: 9 },
          { name: 'unlabelled', count: 224 },
        ],
      }),
    );
    expect(markup).toContain('data-category="BW vs Color" data-count="9"');
    expect(markup).toMatch(/BW vs Color <span[^>]*>\(9\)<\/span>/);
    expect(markup).toContain('data-category="unlabelled" data-count="224"');
  });
});
