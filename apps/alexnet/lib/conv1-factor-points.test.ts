import type { SvdFactors } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { columnNames, conv1FactorPoints } from './conv1-factor-points';
import type { FilterColumn } from './resolve-alexnet-model';

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

const column = (index: number, start: number, end: number): FilterColumn => ({
  index,
  title: `Branch ${index}`,
  relation: `feeds conv2 branch ${index}`,
  units: { start, end },
  filterLayer: 'conv1',
  filterOffset: 0,
});
const twoBranches = [column(0, 0, 2), column(1, 2, 4)];
const unbranched = [{ ...column(0, 0, 4), title: 'conv1, no branches' }];

describe('conv1FactorPoints', () => {
  it('places each unit by its first two factors and groups it by the column holding it', () => {
    const points = conv1FactorPoints(factors([{ unit: 3, factors: [0.25, -0.5], branch: 1 }]), { columns: twoBranches });
    expect(points).toEqual([expect.objectContaining({ id: 3, x: 0.25, y: -0.5, group: 1 })]);
  });

  it('groups the units of a split first layer by their branch, though the API gives them none', () => {
    const points = conv1FactorPoints(factors([{ unit: 1, factors: [0, 0], branch: null }, { unit: 2, factors: [0, 0], branch: null }]), { columns: twoBranches });
    expect(points.map((p) => p.group)).toEqual([0, 1]);
  });

  it('shades the units of an unbranched layer by colour index, without groups', () => {
    const points = conv1FactorPoints(factors([{ unit: 0, factors: [1, 2], branch: null }]), {
      columns: unbranched,
      colorIndexOf: new Map([[0, 0.75]]),
      fillOf: (ci) => `ci-${ci}`,
    });
    expect(points[0]).toMatchObject({ group: undefined, fill: 'ci-0.75' });
    expect(points[0]?.label).toContain('colour index 0.75');
  });

  it('rejects a unit with a single factor, naming it', () => {
    expect(() => conv1FactorPoints(factors([{ unit: 7, factors: [1], branch: 0 }]), { columns: twoBranches })).toThrow(
      'conv1 unit 7 has 1 factor(s); the scatter needs 2',
    );
  });
});

describe('columnNames', () => {
  it('names every branch column by index', () => {
    expect(columnNames(twoBranches)).toEqual(['feeds conv2 branch 0', 'feeds conv2 branch 1']);
  });

  it('names nothing for a single column', () => {
    expect(columnNames(unbranched)).toEqual([]);
  });
});

describe('conv1FactorPoints by colour and as images', () => {
  const twoUnits = factors([
    { unit: 0, factors: [1, 2], branch: 0 },
    { unit: 2, factors: [3, 4], branch: 1 },
  ]);
  const colorIndexOf = new Map([
    [0, 0.1],
    [2, 0.9],
  ]);

  it('shades the points of a branched layer by colour index, without groups, when asked to', () => {
    const points = conv1FactorPoints(twoUnits, { columns: twoBranches, colorIndexOf, fillOf: (ci) => `ci-${ci}`, colorBy: 'color' });
    expect(points.map((p) => [p.group, p.fill])).toEqual([
      [undefined, 'ci-0.1'],
      [undefined, 'ci-0.9'],
    ]);
  });

  it("gives each point its filter's image, keeping its branch", () => {
    const points = conv1FactorPoints(twoUnits, { columns: twoBranches, imageOf: new Map([[2, '/artifacts/two.png']]) });
    expect(points.map((p) => [p.group, p.image])).toEqual([
      [0, undefined],
      [1, '/artifacts/two.png'],
    ]);
  });
});
