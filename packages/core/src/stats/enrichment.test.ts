import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePublishedCategories } from '../categories/parse-published-categories';
import { loadReferenceCategories } from '../categories/reference-categories.test-support';
import { branchEnrichment } from './enrichment';
import { hypergeometricTail } from './hypergeometric';

const readReferenceCategories = () => loadReferenceCategories((url) => readFileSync(url, 'utf8'));

function publishedRow(layerName: string, category: string) {
  const { labelSet, layers } = parsePublishedCategories(readReferenceCategories());
  const layer = layers.find((l) => l.layer === layerName)!;
  const rows = branchEnrichment({ layer: layer.layer, units: layer.units, branches: [layer.branch], labels: labelSet.labels });
  return rows.find((r) => r.category === category)!;
}

const label = (unit: number, category: string, layer = 'l') => ({ layer, unit, category });

describe('branchEnrichment', () => {
  it('reports the article chance 2.4847e-9 for black-and-white vs colour in the 5x5 branch of mixed3a', () => {
    const row = publishedRow('mixed3a', 'BW vs Color');
    expect([row.inBranch, row.categorySize, row.branchSize, row.layerUnits]).toEqual([9, 9, 32, 256]);
    expect(row.p.toPrecision(5)).toBe('2.4847e-9');
  });

  it('reports the article chance 1.6794e-23 for curve units in the 5x5 branch of mixed3b', () => {
    const row = publishedRow('mixed3b', 'Curve Related');
    expect([row.inBranch, row.categorySize, row.branchSize, row.layerUnits]).toEqual([30, 30, 96, 480]);
    expect(row.p.toPrecision(5)).toBe('1.6794e-23');
  });

  it('counts a category across two branches with its hypergeometric tail and expected count', () => {
    const labels = [label(0, 'c'), label(1, 'c'), label(2, 'c'), label(6, 'c'), label(7, 'd')];
    const rows = branchEnrichment({
      layer: 'l',
      units: 10,
      branches: [
        { name: 'a', range: [0, 5] },
        { name: 'b', range: [5, 10] },
      ],
      labels,
    });
    expect(rows.map((r) => [r.branch, r.category, r.inBranch, r.categorySize])).toEqual([
      ['a', 'c', 3, 4],
      ['a', 'd', 0, 1],
      ['b', 'c', 1, 4],
      ['b', 'd', 1, 1],
    ]);
    expect(rows[0]!.expected).toBeCloseTo(2, 15);
    expect(rows[0]!.p).toBeCloseTo(hypergeometricTail(10, 5, 4, 3), 15);
    expect(rows[1]!.p).toBe(1);
  });

  it('adjusts p-values by Benjamini–Hochberg over all rows of the call', () => {
    const labels = [0, 1, 2, 3].map((u) => label(u, 'c')).concat([label(9, 'e')]);
    const rows = branchEnrichment({ layer: 'l', units: 20, branches: [{ name: 'a', range: [0, 4] }], labels });
    // two rows: p_c = 1 / C(20, 4) = 1/4845 and p_e = 1; q_c = p_c * 2 / 1
    expect(rows[0]!.q).toBeCloseTo((2 * 1) / 4845, 15);
    expect(rows[1]!.q).toBe(1);
  });

  it('counts a unit labelled twice with the same category once, and ignores other layers', () => {
    const labels = [label(1, 'c'), label(1, 'c'), label(2, 'c', 'other')];
    const [row] = branchEnrichment({ layer: 'l', units: 4, branches: [{ name: 'a', range: [0, 2] }], labels });
    expect(row!.categorySize).toBe(1);
  });

  it('keeps a finite log p where p underflows', () => {
    const labels = Array.from({ length: 600 }, (_, u) => label(u, 'c'));
    const [row] = branchEnrichment({ layer: 'l', units: 4000, branches: [{ name: 'a', range: [0, 1000] }], labels });
    expect(row!.p).toBe(0);
    expect(row!.logP).toBeLessThan(-745);
    expect(Number.isFinite(row!.logP)).toBe(true);
  });

  it('rejects overlapping branches, naming both', () => {
    const branches = [
      { name: 'a', range: [0, 5] as [number, number] },
      { name: 'b', range: [4, 8] as [number, number] },
    ];
    expect(() => branchEnrichment({ layer: 'l', units: 8, branches, labels: [] })).toThrow(/branches a and b overlap at unit 4/);
  });

  it('rejects a label on a unit outside the layer, naming layer and unit', () => {
    expect(() =>
      branchEnrichment({ layer: 'l', units: 8, branches: [{ name: 'a', range: [0, 4] }], labels: [label(8, 'c')] }),
    ).toThrow(/layer l: label "c" names unit 8/);
  });
});
