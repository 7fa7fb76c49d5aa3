import { describe, expect, it } from 'vitest';
import { firstUnitsOf, inputUnitsOf, median, unitRangeText } from './branch-units';
import type { InputBranch } from './resolve-alexnet-model';

const branch1: InputBranch = {
  index: 1,
  name: 'conv2/group1',
  layers: ['conv2'],
  units: { layer: 'conv2', start: 128, end: 256 },
  inputUnits: { layer: 'conv1', start: 48, end: 96 },
};

describe('inputUnitsOf', () => {
  it('keeps the first-layer units the branch reads, in unit order', () => {
    const items = [95, 3, 48, 47, 60].map((unit) => ({ unit }));
    expect(inputUnitsOf(items, branch1).map((i) => i.unit)).toEqual([48, 60, 95]);
  });
});

describe('firstUnitsOf', () => {
  it("takes the first units of the branch's slice of the grouped layer", () => {
    expect(firstUnitsOf(branch1, 4)).toEqual([128, 129, 130, 131]);
  });

  it('takes no more units than the branch has', () => {
    expect(firstUnitsOf({ ...branch1, units: { layer: 'conv2', start: 4, end: 6 } }, 4)).toEqual([4, 5]);
  });
});

describe('median', () => {
  it('is the middle value of an odd count', () => {
    expect(median([0.9, 0.1, 0.5])).toBe(0.5);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([0.1, 0.2, 0.4, 0.9])).toBeCloseTo(0.3, 12);
  });

  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });
});

describe('unitRangeText', () => {
  it('names the last unit of a half-open range', () => {
    expect(unitRangeText(48, 96)).toBe('units 48–95');
  });
});
