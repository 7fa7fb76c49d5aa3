import type { ConvWeights } from '@branchscope/core';

/** Dense (Gemm) weights in ONNX layout: shape [out, in], row-major, so row o holds unit o's input weights. */
export interface DenseWeights {
  shape: [number, number];
  data: Float32Array;
}

/** Inference-time batch normalisation: y = scale * (x - mean) / sqrt(variance + epsilon) + bias, per channel. */
export interface BatchNormParams {
  scale: Float32Array;
  bias: Float32Array;
  mean: Float32Array;
  variance: Float32Array;
  epsilon: number;
}

/**
 * Where a model's parameters come from (seeded initialisation, an ONNX file, a TF.js checkpoint), keyed by
 * the graph's node names. Implementations may return cached arrays: callers must not mutate them.
 * Every method throws naming the layer when it is unknown or of another op.
 */
export interface WeightSource {
  /** Conv weights [out, in / group, kh, kw] (OIHW). */
  conv(layer: string): ConvWeights;
  /** Conv bias [out]; zeros for a conv without bias. */
  convBias(layer: string): Float32Array;
  dense(layer: string): DenseWeights;
  /** Dense bias [out]. */
  denseBias(layer: string): Float32Array;
  batchnorm(layer: string): BatchNormParams;
}
