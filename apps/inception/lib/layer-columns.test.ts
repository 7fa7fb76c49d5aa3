import type { BranchedBlock, Label } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { categoryOrder } from './category-order';
import { layerColumns, legendEntries } from './layer-columns';

const block: BranchedBlock = {
  name: 'mixed3a',
  kind: 'CONCAT',
  output: 'mixed3a',
  branches: [
    { index: 0, name: 'mixed3a/1x1', layers: ['mixed3a_1x1'], units: { layer: 'mixed3a', start: 0, end: 4 }, inputUnits: null },
    { index: 1, name: 'mixed3a/5x5', layers: ['mixed3a_5x5'], units: { layer: 'mixed3a', start: 4, end: 6 }, inputUnits: null },
  ],
};

const label = (unit: number, category: string, at = '2025-01-01T00:00:00Z'): Label => ({ layer: 'mixed3a', unit, category, author: 'ada', at });

describe('layerColumns', () => {
  it('gives every branch one cell per unit of its range, titled without the block name', () => {
    const columns = layerColumns(block, [], []);
    expect(columns.map((c) => [c.title, c.cells.map((cell) => cell.unit)])).toEqual([
      ['1x1', [0, 1, 2, 3]],
      ['5x5', [4, 5]],
    ]);
  });

  it('colours a labelled unit by the position of its category and counts it', () => {
    const [, fiveByFive] = layerColumns(block, [label(5, 'Curve')], ['Color', 'Curve']);
    expect(fiveByFive?.cells[1]).toMatchObject({ unit: 5, category: 'Curve', group: 1 });
    expect(fiveByFive?.labelled).toBe(1);
  });
});

describe('legendEntries', () => {
  it('counts each category and the unlabelled units', () => {
    const labels = [label(4, 'Curve'), label(5, 'Curve'), label(0, 'Color')];
    const categories = categoryOrder(labels);
    expect(legendEntries(layerColumns(block, labels, categories), categories)).toEqual([
      { name: 'Curve', group: 0, count: 2 },
      { name: 'Color', group: 1, count: 1 },
      { name: 'unlabelled', count: 3 },
    ]);
  });
});

describe('categoryOrder', () => {
  it('puts the category used first first, so it keeps its colour as more are labelled', () => {
    const labels = [label(1, 'Curve', '2025-01-02T00:00:00Z'), label(2, 'Color', '2025-01-03T00:00:00Z'), label(3, 'Color', '2025-01-03T00:00:01Z')];
    expect(categoryOrder(labels)).toEqual(['Curve', 'Color']);
  });

  it('orders categories labelled at the same time by size, then name', () => {
    const labels = [label(1, 'B'), label(2, 'A'), label(3, 'C'), label(4, 'C')];
    expect(categoryOrder(labels)).toEqual(['C', 'A', 'B']);
  });
});
