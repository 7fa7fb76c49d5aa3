import { describe, expect, it } from 'vitest';
import { denseToOutIn, depthwiseToOihw, hwioToOihw, nchwFeatureIndex } from './tf-layouts';

const iota = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => i);

describe('TF to graph weight layouts', () => {
  it('moves HWIO kernel element [y, x, i, o] to OIHW [o, i, y, x]', () => {
    // [kh, kw, in, out] = [2, 3, 2, 4]: HWIO index of [1, 2, 1, 3] is ((1 * 3 + 2) * 2 + 1) * 4 + 3 = 47.
    const w = hwioToOihw([2, 3, 2, 4], iota(48), 1);
    expect(w.shape).toEqual([4, 2, 2, 3]);
    expect(w.data[((3 * 2 + 1) * 2 + 1) * 3 + 2]).toBe(47);
  });

  it('gives depthwise output channel c * m + j the j-th filter of input channel c', () => {
    // [kh, kw, C, m] = [1, 2, 3, 2]: element [0, 1, 2, 1] has HWIO index (1 * 3 + 2) * 2 + 1 = 11.
    const w = depthwiseToOihw([1, 2, 3, 2], iota(12));
    expect(w.shape).toEqual([6, 1, 1, 2]);
    expect(w.group).toBe(3);
    expect(w.data[(2 * 2 + 1) * 2 + 1]).toBe(11);
  });

  it('maps channels-last feature (h, w, c) of a flattened map to NCHW position (c, h, w)', () => {
    // [H, W, C] = [2, 3, 4]: feature (1, 2, 3) is 23 channels-last and (3 * 2 + 1) * 3 + 2 = 23 in NCHW, (0, 1, 2) is 6 and 2 * 6 + 1 = 13.
    expect(nchwFeatureIndex(23, [2, 3, 4])).toBe(23);
    expect(nchwFeatureIndex(6, [2, 3, 4])).toBe(13);
  });

  it('transposes a dense kernel [in, out] to [out, in], reordering inputs of a flattened map', () => {
    const plain = denseToOutIn([3, 2], iota(6));
    expect([...plain.data]).toEqual([0, 2, 4, 1, 3, 5]);
    // [H, W, C] = [1, 2, 2]: channels-last features (p0c0, p0c1, p1c0, p1c1) become (c0p0, c0p1, c1p0, c1p1).
    const map = denseToOutIn([4, 1], iota(4), [1, 2, 2]);
    expect([...map.data]).toEqual([0, 2, 1, 3]);
  });
});
