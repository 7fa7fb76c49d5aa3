import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/create-random';
import { dipTest, hartiganDip } from './dip-test';

describe('hartiganDip', () => {
  it('is 1/(2n), its least value, for an evenly spread sample', () => {
    for (const n of [5, 10, 37, 100]) expect(hartiganDip(Array.from({ length: n }, (_, i) => 3 * i - 7))).toBeCloseTo(1 / (2 * n), 14);
  });

  it('is 1/4, its largest value, for two equal point masses, and min(p, 1 - p) / 2 for masses p and 1 - p', () => {
    expect(hartiganDip([...Array(50).fill(0), ...Array(50).fill(1)])).toBeCloseTo(0.25, 14);
    expect(hartiganDip([...Array(25).fill(-2), ...Array(75).fill(5)])).toBeCloseTo(0.125, 14);
    expect(hartiganDip([...Array(70).fill(0), ...Array(30).fill(3)])).toBeCloseTo(0.15, 14);
  });

  it('does not change when the sample is shifted, scaled, reflected or reordered', () => {
    const random = createRandom(4);
    const x = Array.from({ length: 60 }, () => random.normal() + (random.next() < 0.4 ? 3 : 0));
    const d = hartiganDip(x);
    expect(hartiganDip(x.map((v) => 5 - 2.5 * v))).toBeCloseTo(d, 12);
    expect(hartiganDip([...x].reverse())).toBeCloseTo(d, 12);
  });

  it('gives uniform samples of 100 a median near 0.035 and a 95th percentile near 0.05', () => {
    const random = createRandom(1);
    const dips = Array.from({ length: 1000 }, () => hartiganDip(Array.from({ length: 100 }, () => random.next()))).sort((a, b) => a - b);
    expect(dips[500]).toBeGreaterThan(0.03);
    expect(dips[500]).toBeLessThan(0.04);
    expect(dips[950]).toBeGreaterThan(0.045);
    expect(dips[950]).toBeLessThan(0.056);
  });

  it('rejects an empty sample and values that are not finite', () => {
    expect(() => hartiganDip([])).toThrow(/empty/);
    expect(() => hartiganDip([1, Infinity])).toThrow(/finite, got Infinity/);
  });
});

describe('dipTest', () => {
  it('finds two separated clusters far from unimodal, one normal cluster not', () => {
    const random = createRandom(9);
    const two = Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 0.05 : 0.8) + 0.05 * random.next());
    const one = Array.from({ length: 64 }, () => 0.6 + 0.1 * random.normal());
    expect(dipTest(two, { samples: 199 }).pUniform).toBeCloseTo(1 / 200, 12);
    expect(dipTest(one, { samples: 199 }).pUniform).toBeGreaterThan(0.5);
  });
});
