import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WeightGrid } from './weight-grid';
import type { WeightGridItem, WeightGridProps } from './weight-grid';

function items(n: number, first = 0): WeightGridItem[] {
  return Array.from({ length: n }, (_, i) => ({ unit: first + i, src: `/artifacts/${first + i}.png`, colorIndex: i / n }));
}

function render(props: Partial<WeightGridProps> & Pick<WeightGridProps, 'items'>): string {
  return renderToStaticMarkup(createElement(WeightGrid, { columns: 8, imageSize: 40, ...props }));
}

describe('WeightGrid', () => {
  it('draws one image per item, tagged with its unit', () => {
    const markup = render({ items: items(48, 48) });
    expect(markup.match(/<img /g)).toHaveLength(48);
    const units = [...markup.matchAll(/<li data-unit="(\d+)"/g)].map((m) => Number(m[1]));
    expect(units).toEqual(Array.from({ length: 48 }, (_, i) => 48 + i));
  });

  it('points each image at its source', () => {
    expect(render({ items: items(2) })).toContain('src="/artifacts/1.png"');
  });

  it('scales small filters without smoothing by default', () => {
    expect(render({ items: items(1) })).toContain('image-rendering:pixelated');
  });

  it('smooths images when pixelated is off', () => {
    expect(render({ items: items(1), pixelated: false })).not.toContain('pixelated');
  });

  it('lays the items out in the requested number of columns', () => {
    expect(render({ items: items(3), columns: 6, imageSize: 32 })).toContain('grid-template-columns:repeat(6, minmax(0, 32px))');
  });

  it('draws a colour-index bar only for items that have a colour index', () => {
    const markup = render({ items: [{ unit: 0, src: 'a.png', colorIndex: 0.25 }, { unit: 1, src: 'b.png' }] });
    expect(markup.match(/class="bs-color-index-bar"/g)).toHaveLength(1);
    expect(markup).toContain('width:25.0%');
  });

  it('uses the label as hover and alt text when given', () => {
    const markup = render({ items: [{ unit: 5, src: 'a.png', label: 'conv1 unit 5' }] });
    expect(markup).toContain('alt="conv1 unit 5"');
    expect(markup).toContain('title="conv1 unit 5"');
  });

  it('rejects a column count below one, naming it', () => {
    expect(() => render({ items: items(1), columns: 0 })).toThrow('WeightGrid: columns must be a positive integer, got 0');
  });
});

describe('WeightGrid with links', () => {
  it("wraps each item's image, bar and number in a link to its page", () => {
    const markup = render({ items: items(2), hrefFor: (unit: number) => `/neurons/m/conv1/${unit}` });
    expect([...markup.matchAll(/<a href="([^"]+)"[^>]*><img src="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['/neurons/m/conv1/0', '/artifacts/0.png'],
      ['/neurons/m/conv1/1', '/artifacts/1.png'],
    ]);
  });

  it('has no links without hrefFor', () => {
    expect(render({ items: items(2) })).not.toContain('<a ');
  });
});
