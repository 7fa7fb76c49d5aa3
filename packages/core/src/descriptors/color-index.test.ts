import { describe, expect, it } from 'vitest';
import { colorIndex } from './color-index';
import { gaussian, grating, pattern } from './descriptors.test-support';

describe('colorIndex', () => {
  it('is 0 within 1e-9 for a grey filter', () => {
    expect(colorIndex(grating(11, 0.2, 30))).toBeLessThan(1e-9);
  });

  it('is about 2/3 or more for a blob in one colour channel', () => {
    const red = pattern(9, (y, x, c) => (c === 0 ? gaussian(y, x, 2) : 0));
    expect(colorIndex(red)).toBeGreaterThan(0.66);
  });

  it('is 1 within 1e-6 for a red-on-green opponent blob', () => {
    const opponent = pattern(9, (y, x, c) => [1, -1, 0][c] * gaussian(y, x, 2));
    expect(colorIndex(opponent)).toBeCloseTo(1, 6);
  });

  it('ignores a constant offset such as mid-grey', () => {
    const opponent = pattern(9, (y, x, c) => [1, -1, 0][c] * gaussian(y, x, 2));
    const shifted = { ...opponent, data: opponent.data.map((v) => 0.5 + 0.1 * v) };
    expect(colorIndex(shifted)).toBeCloseTo(colorIndex(opponent), 5);
  });

  it('is 0 for a constant image and for one channel', () => {
    expect(colorIndex({ data: new Float32Array(12).fill(0.5), height: 2, width: 2, channels: 3 })).toBe(0);
    expect(colorIndex({ data: Float32Array.from([0, 1, 0, 1]), height: 2, width: 2, channels: 1 })).toBe(0);
  });

  it('names the mismatch when the data does not fit the shape', () => {
    expect(() => colorIndex({ data: new Float32Array(5), height: 2, width: 2, channels: 1 })).toThrow('2 x 2 x 1 needs 4 values, got 5');
  });
});
