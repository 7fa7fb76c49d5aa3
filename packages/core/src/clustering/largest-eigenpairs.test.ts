import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { createRandom } from '../random/create-random';
import { largestEigenpairs } from './largest-eigenpairs';

/** Q diag(2 * 0.97^i) Q^T for a random orthogonal Q of size n, as a dense operator with a known spectrum. */
function knownSpectrum(n: number, seed: number) {
  const random = createRandom(seed);
  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = random.normal();
      r[i * n + j] = x;
      r[j * n + i] = x;
    }
  }
  const q = symmetricEigen({ rows: n, cols: n, data: r }).vectors.data;
  const spectrum = Float64Array.from({ length: n }, (_, i) => 2 * 0.97 ** i);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let t = 0; t < n; t++) sum += q[i * n + t]! * spectrum[t]! * q[j * n + t]!;
      data[i * n + j] = sum;
    }
  }
  const apply = (x: Float64Array, y: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += data[i * n + j]! * x[j]!;
      y[i] = sum;
    }
  };
  return { spectrum, apply };
}

describe('largestEigenpairs', () => {
  it('finds the 5 largest of a known 200 x 200 spectrum (to 1e-10) from a basis smaller than the space', () => {
    const { spectrum, apply } = knownSpectrum(200, 1);
    const pairs = largestEigenpairs(apply, 200, 5, { seed: 3 });
    expect(pairs.converged).toBe(true);
    for (let r = 0; r < 5; r++) expect(Math.abs(pairs.values[r]! - spectrum[r]!)).toBeLessThan(1e-10);
    expect(pairs.basisSize).toBeLessThan(200);
  });

  it('returns unit vectors with A u = theta u to the stated tolerance', () => {
    const { apply } = knownSpectrum(200, 2);
    const pairs = largestEigenpairs(apply, 200, 3, { seed: 1, tolerance: 1e-9 });
    expect(pairs.basisSize).toBeLessThan(200);
    for (const [r, u] of pairs.vectors.entries()) {
      const au = new Float64Array(200);
      apply(u, au);
      let norm = 0;
      let residual = 0;
      for (let i = 0; i < 200; i++) {
        norm += u[i]! ** 2;
        residual += (au[i]! - pairs.values[r]! * u[i]!) ** 2;
      }
      expect(Math.abs(norm - 1)).toBeLessThan(1e-12);
      expect(Math.sqrt(residual)).toBeLessThan(1e-9 * Math.max(1, Math.abs(pairs.values[r]!)));
    }
  });

  it('resolves a triple eigenvalue (three disconnected identity blocks plus a small remainder)', () => {
    const n = 90;
    // diag(1, 1, 1, then 0.5 * i / n): eigenvalue 1 three times.
    const diagonal = Float64Array.from({ length: n }, (_, i) => (i < 3 ? 1 : (0.5 * i) / n));
    const pairs = largestEigenpairs((x, y) => y.set(x.map((v, i) => v * diagonal[i]!)), n, 3, { seed: 5 });
    expect(Array.from(pairs.values, (v) => Number(v.toFixed(10)))).toEqual([1, 1, 1]);
  });

  it('rejects k larger than the dimension', () => {
    expect(() => largestEigenpairs(() => undefined, 4, 5)).toThrow(/k must be an integer in \[1, 4\], got 5/);
  });
});
