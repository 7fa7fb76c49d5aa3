import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { categoryColor } from './category-color';
import { UnitCellGrid } from './unit-cell-grid';
import type { UnitCell, UnitCellGridProps } from './unit-cell-grid';

const cells: UnitCell[] = [
  { unit: 192, group: 0, category: 'BW vs Color' },
  { unit: 193, group: 1, category: 'Brightness' },
  { unit: 194 },
];

function render(extra: Partial<UnitCellGridProps> = {}): string {
  return renderToStaticMarkup(createElement(UnitCellGrid, { cells, ...extra }));
}

describe('UnitCellGrid', () => {
  it('draws one cell per unit, numbered by unit index', () => {
    const markup = render();
    expect([...markup.matchAll(/data-unit="(\d+)"/g)].map((m) => m[1])).toEqual(['192', '193', '194']);
    expect(markup).toMatch(/>192<\/span>/);
  });

  it("fills each cell with its category's colour and names the category", () => {
    const markup = render();
    expect(markup).toContain('data-category="BW vs Color"');
    expect(markup).toContain(`background:${categoryColor(0)}`);
    expect(markup).toContain(`background:${categoryColor(1)}`);
  });

  it('titles an unlabelled unit as unlabelled', () => {
    expect(render()).toContain('title="unit 194: unlabelled"');
  });

  it('is read-only without onSelect and made of buttons with it', () => {
    expect(render()).not.toContain('<button');
    const markup = render({ onSelect: () => undefined, selectedUnit: 193 });
    expect(markup.match(/<button/g)).toHaveLength(3);
    expect(markup).toMatch(/aria-pressed="true"[^>]*>193</);
  });

  it('rejects a cell size that is not positive', () => {
    expect(() => render({ cellSize: 0 })).toThrow('UnitCellGrid: cellSize must be positive, got 0');
  });
});

describe('UnitCellGrid with feature images', () => {
  it('draws a stored image lazily inside its category frame and a missing one as a pending tile', async () => {
    const { createElement } = await import('react');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { UnitCellGrid } = await import('./unit-cell-grid');
    const markup = renderToStaticMarkup(
      createElement(UnitCellGrid, {
        cells: [
          { unit: 1, group: 0, category: 'a', image: '/artifacts/one.png' },
          { unit: 2, image: null },
          { unit: 3 },
        ],
      }),
    );
    expect([...markup.matchAll(/<li data-unit="(\d+)"[^>]*?(?:data-image-state="(\w+)")?>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['1', 'stored'],
      ['2', 'pending'],
      ['3', undefined],
    ]);
    expect(markup).toMatch(/<img src="\/artifacts\/one.png" alt="" loading="lazy"/);
    expect(markup).toContain('bs-unit-cell-pending');
    expect(markup).toMatch(/>3<\/span>/);
  });
});

describe('UnitCellGrid with an atlas', () => {
  it("draws a stored unit from its tile of the grid's one atlas image, shifted to the tile's row and column", () => {
    const atlas = '/artifacts/atlas/m/l.png?units=0-4';
    const markup = renderToStaticMarkup(
      createElement(UnitCellGrid, {
        atlas: { src: atlas, columns: 3, rows: 2 },
        cells: [
          { unit: 0, image: '/artifacts/zero.png', atlasIndex: 0 },
          { unit: 4, image: '/artifacts/four.png', atlasIndex: 4 },
        ],
      }),
    );
    expect(markup).not.toContain('/artifacts/zero.png');
    expect(markup.match(/<img src="\/artifacts\/atlas\/m\/l.png\?units=0-4"/g)).toHaveLength(2);
    expect(markup).toContain('width:300%;height:200%;left:0%;top:0%');
    expect(markup).toContain('width:300%;height:200%;left:-100%;top:-100%');
  });
});

describe('UnitCellGrid with links', () => {
  it("links each cell to its page and, with onSelect, gives it a separate select button showing the selection", () => {
    const markup = renderToStaticMarkup(
      createElement(UnitCellGrid, { cells, hrefFor: (unit: number) => `/neurons/m/l/${unit}`, onSelect: () => {}, selectedUnit: 193 }),
    );
    expect([...markup.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/neurons/m/l/192', '/neurons/m/l/193', '/neurons/m/l/194']);
    expect([...markup.matchAll(/aria-label="Select unit (\d+)" title="[^"]*" aria-pressed="(\w+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['192', 'false'],
      ['193', 'true'],
      ['194', 'false'],
    ]);
  });

  it('has no select button when read-only', () => {
    const markup = renderToStaticMarkup(createElement(UnitCellGrid, { cells, hrefFor: (unit: number) => `/neurons/m/l/${unit}` }));
    expect(markup).not.toContain('<button');
    expect(markup.match(/<a href=/g)).toHaveLength(3);
  });
});
