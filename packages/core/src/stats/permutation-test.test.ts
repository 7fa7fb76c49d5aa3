import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePublishedCategories } from '../categories/parse-published-categories';
import { loadReferenceCategories } from '../categories/reference-categories.test-support';
import { createRandom } from '../random/create-random';
import { OUTSIDE_BRANCHES, permutationTest } from './permutation-test';

const readReferenceCategories = () => loadReferenceCategories((url) => readFileSync(url, 'utf8'));

const halves = [
  { name: 'a', range: [0, 30] as [number, number] },
  { name: 'b', range: [30, 60] as [number, number] },
];

describe('permutationTest', () => {
  it('gives the floor p = 1/1001 when each category sits wholly in its own branch', () => {
    const labels = Array.from({ length: 60 }, (_, unit) => ({ layer: 'l', unit, category: unit < 30 ? 'x' : 'y' }));
    const result = permutationTest({ layer: 'l', units: 60, branches: halves, labels, seed: 1 });
    expect(result.p).toBe(1 / 1001);
    expect(result.chiSquareP).toBe(1 / 1001);
    expect(result.mutualInformation).toBeCloseTo(Math.LN2, 12);
    expect(result.chiSquare).toBeCloseTo(60, 10);
    expect(result.table).toEqual([
      [30, 0],
      [0, 30],
    ]);
  });

  it('gives p at or near the floor for a noisy planted dependence (80% of each category in its branch)', () => {
    const random = createRandom(4);
    const labels = Array.from({ length: 60 }, (_, unit) => {
      const home = unit < 30 ? 'x' : 'y';
      return { layer: 'l', unit, category: random.next() < 0.8 ? home : home === 'x' ? 'y' : 'x' };
    });
    expect(permutationTest({ layer: 'l', units: 60, branches: halves, labels, seed: 2 }).p).toBeLessThan(0.005);
  });

  it('spreads p over (0, 1] for labels independent of branches: over 20 seeds none at the floor, mean within 0.25..0.75', () => {
    const ps = Array.from({ length: 20 }, (_, seed) => {
      const random = createRandom(100 + seed);
      const labels = Array.from({ length: 60 }, (_, unit) => ({ layer: 'l', unit, category: ['x', 'y', 'z'][random.int(3)]! }));
      return permutationTest({ layer: 'l', units: 60, branches: halves, labels, permutations: 200, seed }).p;
    });
    const mean = ps.reduce((s, p) => s + p, 0) / ps.length;
    expect(Math.min(...ps)).toBeGreaterThan(1 / 201);
    expect(ps.filter((p) => p < 0.05).length).toBeLessThan(5);
    expect(mean).toBeGreaterThan(0.25);
    expect(mean).toBeLessThan(0.75);
  });

  it('repeats the same p for the same seed', () => {
    const random = createRandom(8);
    const labels = Array.from({ length: 40 }, (_, unit) => ({ layer: 'l', unit, category: random.next() < 0.5 ? 'x' : 'y' }));
    const run = () => permutationTest({ layer: 'l', units: 60, branches: halves, labels, permutations: 300, seed: 9 }).p;
    expect(run()).toBe(run());
  });

  it('groups labelled units outside every branch together', () => {
    const labels = [0, 1, 50, 51].map((unit) => ({ layer: 'l', unit, category: 'x' }));
    const result = permutationTest({ layer: 'l', units: 60, branches: [halves[0]!], labels, permutations: 10 });
    expect(result.groups).toEqual(['a', OUTSIDE_BRANCHES]);
    expect(result.table).toEqual([[2], [2]]);
  });

  it('reports no dependence when only one branch is labelled, as in the published mixed3b labels', () => {
    const { labelSet } = parsePublishedCategories(readReferenceCategories());
    const result = permutationTest({
      layer: 'mixed3b',
      units: 480,
      branches: [{ name: '5x5', range: [320, 416] }],
      labels: labelSet.labels,
      permutations: 50,
    });
    // Only 5x5 units are labelled, so there is a single group and nothing to depend on.
    expect(result.groups).toEqual(['5x5']);
    expect(result.mutualInformation).toBe(0);
    expect(result.p).toBe(1);
  });

  it('rejects a unit with two categories, naming layer and unit', () => {
    const labels = [
      { layer: 'l', unit: 3, category: 'x' },
      { layer: 'l', unit: 3, category: 'y' },
    ];
    expect(() => permutationTest({ layer: 'l', units: 60, branches: halves, labels })).toThrow(/layer l: unit 3 has two categories/);
  });
});
