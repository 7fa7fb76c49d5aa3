import { describe, expect, it } from 'vitest';
import { fromRows } from '../linalg/matrix';
import { nCut } from './n-cut';

// Nodes a0, a1 | b0, b1 with edges a0-b0 (1), a0-b1 (0.5), a1-b1 (2).
const matrices = [fromRows([[1, 0.5], [0, 2]])];

describe('nCut', () => {
  it('sums cut over volume per cluster: 0.5 / 2.5 + 0.5 / 4.5 for {a0, b0} vs {a1, b1} (to 1e-15)', () => {
    expect(nCut(matrices, [0, 1, 0, 1])).toBeCloseTo(0.5 / 2.5 + 0.5 / 4.5, 15);
  });

  it('is 0 for a single cluster and for clusters with no edge between them', () => {
    expect(nCut(matrices, [0, 0, 0, 0])).toBe(0);
    expect(nCut([fromRows([[1, 0], [0, 2]])], [0, 1, 0, 1])).toBe(0);
  });

  it('reaches the cluster count when every edge is cut', () => {
    expect(nCut([fromRows([[1, 1], [1, 1]])], [0, 0, 1, 1])).toBeCloseTo(2, 15);
  });

  it('rejects a label list of the wrong length', () => {
    expect(() => nCut(matrices, [0, 1, 0])).toThrow(/3 labels for a graph of 4 nodes/);
  });
});
