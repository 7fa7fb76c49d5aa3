import type { ConvWeights } from '@branchscope/core';
import type { DenseWeights } from '@branchscope/runtime';

/**
 * TF conv kernel [kh, kw, in / group, out] (HWIO) to the graph's OIHW [out, in / group, kh, kw]. Grouped
 * kernels need nothing more: both layouts give output o the inputs of group ⌊o / (out / group)⌋.
 */
export function hwioToOihw(shape: readonly number[], data: Float32Array, group: number): ConvWeights {
  const [kh, kw, inC, outC] = shape as [number, number, number, number];
  const out = new Float32Array(data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < inC; i++)
        for (let o = 0; o < outC; o++) out[((o * inC + i) * kh + y) * kw + x] = data[((y * kw + x) * inC + i) * outC + o]!;
  return { shape: [outC, inC, kh, kw], group, data: out };
}

/**
 * TF depthwise kernel [kh, kw, C, m] to OIHW [C * m, 1, kh, kw] with group C: TF's output channel c * m + j
 * is the j-th filter of input channel c, which is exactly the grouped conv's channel order.
 */
export function depthwiseToOihw(shape: readonly number[], data: Float32Array): ConvWeights {
  const [kh, kw, c, m] = shape as [number, number, number, number];
  const out = new Float32Array(data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let o = 0; o < c * m; o++) out[(o * kh + y) * kw + x] = data[(y * kw + x) * c * m + o]!;
  return { shape: [c * m, 1, kh, kw], group: c, data: out };
}

/** Position in the graph's NCHW flatten order of feature k of a channels-last ([H, W, C]) flatten. */
export function nchwFeatureIndex(k: number, [h, w, c]: readonly [number, number, number]): number {
  const channel = k % c;
  const pixel = (k - channel) / c;
  return channel * h * w + pixel;
}

/**
 * TF dense kernel [in, out] to the graph's [out, in]. When the input features come from flattening a
 * channels-last map of shape `flattenedFrom` ([H, W, C]), the graph flattens that map in NCHW order
 * instead, so each input row moves to its NCHW position.
 */
export function denseToOutIn(shape: readonly number[], data: Float32Array, flattenedFrom?: readonly [number, number, number]): DenseWeights {
  const [inF, outF] = shape as [number, number];
  const out = new Float32Array(data.length);
  for (let k = 0; k < inF; k++) {
    const i = flattenedFrom ? nchwFeatureIndex(k, flattenedFrom) : k;
    for (let o = 0; o < outF; o++) out[o * inF + i] = data[k * outF + o]!;
  }
  return { shape: [outF, inF], data: out };
}

/** Reorders per-feature values (e.g. a batch norm's) from channels-last flatten order to NCHW order. */
export function featuresToNchw(data: Float32Array, flattenedFrom: readonly [number, number, number]): Float32Array {
  const out = new Float32Array(data.length);
  for (let k = 0; k < data.length; k++) out[nchwFeatureIndex(k, flattenedFrom)] = data[k]!;
  return out;
}
