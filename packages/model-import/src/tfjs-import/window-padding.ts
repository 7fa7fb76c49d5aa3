/** TF window padding: its two named modes, or explicit [top, left, bottom, right] pads. */
export type TfPadding = 'same' | 'valid' | [number, number, number, number];

export type Pads = [number, number, number, number];

/** Output length of a window op along one axis (floor mode, as TF computes it). */
export function windowLength(size: number, kernel: number, stride: number, dilation: number, before: number, after: number): number {
  return Math.floor((size + before + after - dilation * (kernel - 1) - 1) / stride) + 1;
}

/**
 * Explicit pads for a TF window op over an input of `size` = [h, w]. SAME gives ceil(size / stride)
 * outputs with the odd pixel of padding at the bottom/right, as TF does; the dilated kernel's extent counts.
 */
export function explicitPads(size: [number, number], kernel: [number, number], strides: [number, number], dilations: [number, number], padding: TfPadding): Pads {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding !== 'same') return [...padding];
  const total = [0, 1].map((i) => {
    const extent = dilations[i]! * (kernel[i]! - 1) + 1;
    const out = Math.ceil(size[i]! / strides[i]!);
    return Math.max((out - 1) * strides[i]! + extent - size[i]!, 0);
  }) as [number, number];
  return [Math.floor(total[0] / 2), Math.floor(total[1] / 2), Math.ceil(total[0] / 2), Math.ceil(total[1] / 2)];
}

export const addPads = (a: Pads, b: Pads): Pads => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];
