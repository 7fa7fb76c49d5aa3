import { describe, expect, it } from 'vitest';
import { absWeightMatrix } from './abs-weight-matrix';
import { toRows } from '../linalg/matrix';
import type { ConvWeights } from '../graph/graph';

const weights = (shape: ConvWeights['shape'], group: number, values: number[]): ConvWeights => ({
  shape,
  group,
  data: Float32Array.from(values),
});

describe('absWeightMatrix', () => {
  it('sums |W| over kernel positions into a block-diagonal in x out matrix for a grouped conv', () => {
    // 4 outputs in 2 groups, 2 inputs per group, 1 x 2 kernels; values chosen so each sum is exact.
    const w = weights([4, 2, 1, 2], 2, [1, -2, 3, 4, -5, 6, 7, -8, 0.5, 0.5, -1, 1, 2, 2, -3, -3]);
    expect(toRows(absWeightMatrix(w, 4))).toEqual([
      [3, 11, 0, 0],
      [7, 15, 0, 0],
      [0, 0, 1, 4],
      [0, 0, 2, 6],
    ]);
  });

  it('puts input channels in rows and output units in columns for an ungrouped conv', () => {
    // 3 outputs, 2 inputs, 1 x 1 kernels: W[o][c] = 10 * o + c + 1.
    const w = weights([3, 2, 1, 1], 1, [1, 2, 11, 12, 21, 22]);
    expect(toRows(absWeightMatrix(w, 2))).toEqual([
      [1, 11, 21],
      [2, 12, 22],
    ]);
  });

  it('rejects an inUnits that does not match the weights and names both numbers', () => {
    const w = weights([4, 2, 1, 1], 2, [1, 1, 1, 1, 1, 1, 1, 1]);
    expect(() => absWeightMatrix(w, 3)).toThrow('inUnits 3 does not match 2 input channels per group x group 2 = 4');
  });

  it('rejects output channels that do not divide into the groups', () => {
    const w = weights([3, 1, 1, 1], 2, [1, 1, 1]);
    expect(() => absWeightMatrix(w, 2)).toThrow('3 output channels are not divisible by group 2');
  });

  it('rejects data whose length does not fit the shape', () => {
    const w = weights([2, 2, 1, 1], 1, [1, 2, 3]);
    expect(() => absWeightMatrix(w, 2)).toThrow('weights hold 3 values, shape [2, 2, 1, 1] needs 4');
  });
});
