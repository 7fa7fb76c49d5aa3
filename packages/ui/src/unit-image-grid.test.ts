import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { UnitImageGrid } from './unit-image-grid';
import type { UnitImage, UnitImageGridProps } from './unit-image-grid';

function render(items: UnitImage[], props: Partial<UnitImageGridProps> = {}): string {
  return renderToStaticMarkup(createElement(UnitImageGrid, { items, columns: 4, imageSize: 64, label: 'units', ...props }));
}

describe('UnitImageGrid', () => {
  it('draws a stored image lazily and a unit without one as a pending tile, in order', () => {
    const markup = render([
      { unit: 3, src: '/artifacts/a.png' },
      { unit: 7, src: null },
    ]);
    expect([...markup.matchAll(/<li data-unit="(\d+)" data-image-state="(\w+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['3', 'stored'],
      ['7', 'pending'],
    ]);
    expect(markup.match(/<img /g)).toHaveLength(1);
    expect(markup).toContain('loading="lazy"');
    expect(markup).toContain('data-pending="1"');
    expect(markup).toContain('aria-label="unit 7: image not stored yet"');
  });

  it('links a unit to its page and frames it in its colour', () => {
    const markup = render([{ unit: 1, src: 'x.png', href: '/neuron/1', frameColor: '#ff0000', label: 'unit 1, colour' }]);
    expect(markup).toContain('href="/neuron/1"');
    expect(markup).toContain('background:#ff0000');
    expect(markup).toContain('aria-label="unit 1, colour"');
  });

  it('names a bad column count', () => {
    expect(() => render([], { columns: 0 })).toThrow(/columns must be a positive integer, got 0/);
  });
});
