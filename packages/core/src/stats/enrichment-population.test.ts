import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePublishedCategories } from '../categories/parse-published-categories';
import { loadReferenceCategories } from '../categories/reference-categories.test-support';
import { branchEnrichment, type EnrichmentPopulation } from './enrichment';

/** C(n, k) exactly. */
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 0; i < k; i++) result = (result * BigInt(n - i)) / BigInt(i + 1);
  return result;
}

/** P(X >= observed), X ~ Hypergeometric(population, successes, draws), from exact BigInt binomials. */
function exactTail(population: number, successes: number, draws: number, observed: number): number {
  let favourable = 0n;
  for (let x = observed; x <= Math.min(successes, draws); x++) favourable += choose(successes, x) * choose(population - successes, draws - x);
  const scale = 10n ** 40n;
  return Number((favourable * scale) / choose(population, draws)) / 1e40;
}

/** Within a relative 1e-13 of the exact value: the log-space tail is exact to a few ulps. */
function expectNear(actual: number, exact: number): void {
  expect(Math.abs(actual - exact) / exact).toBeLessThan(1e-13);
}

const label = (unit: number, category: string) => ({ layer: 'l', unit, category });
const range = (start: number, end: number) => Array.from({ length: end - start }, (_, i) => start + i);

describe('branchEnrichment over all units or over labelled units only', () => {
  // Branch a holds units 0-4, b units 5-9. Labelled: 0, 1, 2 (c) and 3, 5, 6 (d); 4, 7, 8, 9 unlabelled.
  const small = (population?: EnrichmentPopulation) =>
    branchEnrichment({
      layer: 'l',
      units: 10,
      branches: [
        { name: 'a', range: [0, 5] },
        { name: 'b', range: [5, 10] },
      ],
      labels: [label(0, 'c'), label(1, 'c'), label(2, 'c'), label(3, 'd'), label(5, 'd'), label(6, 'd')],
      population,
    });

  it('counts the labelled units of each branch and of the layer on every row', () => {
    expect(small().map((r) => [r.branch, r.category, r.branchLabelled, r.layerLabelled, r.branchSize, r.layerUnits])).toEqual([
      ['a', 'c', 4, 6, 5, 10],
      ['a', 'd', 4, 6, 5, 10],
      ['b', 'c', 2, 6, 5, 10],
      ['b', 'd', 2, 6, 5, 10],
    ]);
  });

  it('draws the branch from all units by default: P(3 of c in a) = C(5,3) / C(10,3) = 1/12', () => {
    const [ac] = small();
    expect(ac!.inBranch).toBe(3);
    expectNear(ac!.p, 1 / 12);
    expectNear(ac!.p, exactTail(10, 3, 5, 3));
    expect(ac!.expected).toBeCloseTo((3 * 5) / 10, 15);
    expect(small('all-units')).toEqual(small());
  });

  it("draws a's 4 labelled units from the layer's 6 when asked: P = C(3,3) C(3,1) / C(6,4) = 1/5", () => {
    const [ac, ad, bc, bd] = small('labelled');
    expectNear(ac!.p, 1 / 5);
    expectNear(ac!.p, exactTail(6, 3, 4, 3));
    expect(ac!.expected).toBeCloseTo((3 * 4) / 6, 15);
    // d: units 3 (in a), 5 and 6 (in b); b's 2 labelled units are both d.
    expectNear(ad!.p, exactTail(6, 3, 4, 1));
    expect(bc!.p).toBe(1);
    expectNear(bd!.p, exactTail(6, 3, 2, 2));
    expectNear(bd!.p, 1 / 5);
  });

  it('gives the same chance as the article for a fully labelled 5x5 of mixed3a only over all units', () => {
    // mixed3a: 1x1 0-63, 3x3 64-191, 5x5 192-223, pool 224-255. The 5x5 is labelled (9 'bw', 23 'other'), and
    // so are 16 units of the 1x1 ('other'). Over labelled units the 5x5 is 32 of 48, no longer 32 of 256.
    const labels = [
      ...range(192, 201).map((u) => label(u, 'bw')),
      ...range(201, 224).map((u) => label(u, 'other')),
      ...range(0, 16).map((u) => label(u, 'other')),
    ];
    const branches = [
      { name: '1x1', range: [0, 64] as [number, number] },
      { name: '3x3', range: [64, 192] as [number, number] },
      { name: '5x5', range: [192, 224] as [number, number] },
      { name: 'pool', range: [224, 256] as [number, number] },
    ];
    const bw = (population: EnrichmentPopulation) =>
      branchEnrichment({ layer: 'l', units: 256, branches, labels, population }).find((r) => r.branch === '5x5' && r.category === 'bw')!;
    const all = bw('all-units');
    const labelled = bw('labelled');
    expect([labelled.branchLabelled, labelled.layerLabelled]).toEqual([32, 48]);
    expect(all.p.toPrecision(5)).toBe('2.4847e-9');
    expectNear(all.p, exactTail(256, 9, 32, 9));
    // C(32,9) / C(48,9) = 28048800 / 1677106640 = 0.016724...
    expect(Number(choose(32, 9))).toBe(28048800);
    expect(Number(choose(48, 9))).toBe(1677106640);
    expectNear(labelled.p, 28048800 / 1677106640);
    expectNear(labelled.p, exactTail(48, 9, 32, 9));
    expect(labelled.expected).toBeCloseTo((9 * 32) / 48, 15);
  });

  it('marks a branch nobody labelled with branchLabelled 0 and, over labelled units, p 1 and nothing expected', () => {
    const { labelSet, layers } = parsePublishedCategories(loadReferenceCategories((url) => readFileSync(url, 'utf8')));
    const mixed3a = layers.find((l) => l.layer === 'mixed3a')!;
    // The published set labels only the 5x5 branch: units 192-223 of mixed3a's 256.
    const branches = [{ name: 'mixed3a/1x1', range: [0, 64] as [number, number] }, mixed3a.branch];
    const rows = (population: EnrichmentPopulation) =>
      branchEnrichment({ layer: 'mixed3a', units: mixed3a.units, branches, labels: labelSet.labels, population });
    const oneByOne = (population: EnrichmentPopulation) => rows(population).find((r) => r.branch === 'mixed3a/1x1' && r.category === 'BW vs Color')!;
    const fiveByFive = (population: EnrichmentPopulation) => rows(population).find((r) => r.branch === mixed3a.branch.name && r.category === 'BW vs Color')!;

    expect(oneByOne('all-units')).toMatchObject({ inBranch: 0, branchSize: 64, branchLabelled: 0, layerLabelled: 32, p: 1, expected: 2.25 });
    expect(oneByOne('labelled')).toMatchObject({ inBranch: 0, branchLabelled: 0, layerLabelled: 32, p: 1, expected: 0 });
    expect(fiveByFive('all-units').p.toPrecision(5)).toBe('2.4847e-9');
    // Every labelled unit lies in the 5x5: drawing all 32 of 32 puts all 9 there for sure.
    expect(fiveByFive('labelled')).toMatchObject({ inBranch: 9, branchLabelled: 32, layerLabelled: 32, p: 1, expected: 9 });
  });
});
