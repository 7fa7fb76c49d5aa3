import { describe, expect, it } from 'vitest';
import { firstUnits, median, unitRangeText, unitsIn } from './branch-units';

describe('unitsIn', () => {
  it('keeps the units of the span, in unit order', () => {
    const items = [95, 3, 48, 47, 60].map((unit) => ({ unit }));
    expect(unitsIn(items, { start: 48, end: 96 }).map((i) => i.unit)).toEqual([48, 60, 95]);
  });
});

describe('firstUnits', () => {
  it('takes the first units of the span', () => {
    expect(firstUnits({ start: 128, end: 256 }, 4)).toEqual([128, 129, 130, 131]);
  });

  it('takes no more units than the span has', () => {
    expect(firstUnits({ start: 4, end: 6 }, 4)).toEqual([4, 5]);
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
