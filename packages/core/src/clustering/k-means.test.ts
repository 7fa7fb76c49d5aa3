import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/create-random';
import { kMeans } from './k-means';

describe('kMeans', () => {
  it('separates two distant clouds of 2-d points', () => {
    const random = createRandom(1);
    const points = new Float64Array(40 * 2);
    for (let p = 0; p < 40; p++) {
      points[2 * p] = (p < 20 ? 0 : 10) + 0.1 * random.normal();
      points[2 * p + 1] = 0.1 * random.normal();
    }
    const { labels } = kMeans(points, 40, 2, 2, createRandom(2), 3);
    for (let p = 1; p < 40; p++) expect(labels[p] === labels[0]).toBe(p < 20);
  });

  it('reports the inertia as the summed squared distance to the centres: 4 for points at +-1 around 0 and 10', () => {
    const points = Float64Array.from([-1, 1, 9, 11]);
    expect(kMeans(points, 4, 1, 2, createRandom(3)).inertia).toBeCloseTo(4, 12);
  });

  it('rejects more clusters than points', () => {
    expect(() => kMeans(new Float64Array(3), 3, 1, 4, createRandom(1))).toThrow(/k must be an integer in \[1, 3\], got 4/);
  });
});
