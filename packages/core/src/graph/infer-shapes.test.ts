import { describe, expect, it } from 'vitest';
import { samePads, windowOutput } from './infer-shapes';

describe('window arithmetic', () => {
  it('rounds down by default: AlexNet conv1 maps 224 to 54', () => {
    expect(windowOutput(224, 11, 4, 0, 0)).toBe(54);
  });

  it('rounds up in Caffe ceil mode: a 3x3/2 pool maps 112 to 56 and 54 to 27', () => {
    expect(windowOutput(112, 3, 2, 0, 0, 1, true)).toBe(56);
    expect(windowOutput(54, 3, 2, 0, 0, 1, true)).toBe(27);
  });

  it('drops a ceil-mode window that would start in the trailing pad', () => {
    // Padded positions -1..3, kernel 2 stride 2: ceil gives windows at -1, 1 and 3; the one at 3 lies in the pad.
    expect(windowOutput(3, 2, 2, 1, 1, 1, true)).toBe(2);
  });

  it('pads TensorFlow SAME with the odd pixel at the bottom and right', () => {
    expect(samePads([224, 224], [7, 7], [2, 2])).toEqual([2, 2, 3, 3]);
    expect(samePads([28, 28], [3, 3], [1, 1])).toEqual([1, 1, 1, 1]);
  });
});
