import type { SvdFactors } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { branchNames, conv1FactorPoints } from './conv1-factor-points';

function factors(fromUnits: SvdFactors['fromUnits']): SvdFactors {
  return {
    modelId: 'alexnet',
    from: 'conv1',
    to: 'conv2',
    centered: false,
    rows: fromUnits.length,
    cols: 4,
    singularValues: [2, 1],
    explainedVariance: [0.8, 0.2],
    fromUnits,
    toUnits: [],
    jobId: 'job-1',
    computedAt: '2025-01-01T00:00:00Z',
  };
}

describe('conv1FactorPoints', () => {
  it('places each unit by its first two factors and groups it by branch', () => {
    const points = conv1FactorPoints(factors([{ unit: 3, factors: [0.25, -0.5], branch: 1 }]));
    expect(points).toEqual([expect.objectContaining({ id: 3, x: 0.25, y: -0.5, group: 1 })]);
  });

  it('leaves unbranched units without a group', () => {
    const [point] = conv1FactorPoints(factors([{ unit: 0, factors: [1, 2], branch: null }]));
    expect(point?.group).toBeUndefined();
  });

  it('rejects a unit with a single factor, naming it', () => {
    expect(() => conv1FactorPoints(factors([{ unit: 7, factors: [1], branch: 0 }]))).toThrow(
      'conv1 unit 7 has 1 factor(s); the scatter needs 2',
    );
  });
});

describe('branchNames', () => {
  it('names every branch up to the highest one present', () => {
    const svd = factors([
      { unit: 0, factors: [0, 0], branch: 0 },
      { unit: 1, factors: [0, 0], branch: 1 },
    ]);
    expect(branchNames(svd)).toEqual(['feeds conv2 branch 0', 'feeds conv2 branch 1']);
  });
});
