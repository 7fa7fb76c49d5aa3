import { describe, expect, it } from 'vitest';
import { explicitPads, windowLength } from './window-padding';

describe('explicitPads', () => {
  it('puts the odd pixel of SAME padding at the bottom and right, as TF does', () => {
    // 8 / stride 2 -> 4 outputs; a 3-tap kernel then needs 1 pixel of padding in total.
    expect(explicitPads([8, 8], [3, 3], [2, 2], [1, 1], 'same')).toEqual([0, 0, 1, 1]);
  });

  it('counts a dilated kernel’s extent for SAME padding', () => {
    // A 3-tap kernel with dilation 2 spans 5 pixels: 4 pixels of padding keep a 7-pixel axis at 7.
    const pads = explicitPads([7, 7], [3, 3], [1, 1], [2, 2], 'same');
    expect(pads).toEqual([2, 2, 2, 2]);
    expect(windowLength(7, 3, 1, 2, pads[0], pads[2])).toBe(7);
  });

  it('gives no padding for VALID and passes explicit pads through', () => {
    expect(explicitPads([5, 5], [3, 3], [1, 1], [1, 1], 'valid')).toEqual([0, 0, 0, 0]);
    expect(explicitPads([5, 5], [3, 3], [1, 1], [1, 1], [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
  });
});
