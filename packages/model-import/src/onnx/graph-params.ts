import type { ConvWeights } from '@branchscope/core';
import { attr } from './attributes';
import type { OnnxNode, OnnxTensor } from './onnx-model';
import type { LayerParams } from './onnx-weight-source';

const f32 = (t: OnnxTensor): Float32Array => (t.data instanceof Float32Array ? t.data : Float32Array.from(t.data));

/** Conv parameters straight from the initializers (already OIHW). */
export function convParams(w: OnnxTensor, b: OnnxTensor | undefined, group: number): LayerParams {
  const out = w.dims[0]!;
  return {
    op: 'conv',
    weights: (): ConvWeights => ({ shape: w.dims as ConvWeights['shape'], group, data: f32(w) }),
    bias: () => (b ? f32(b) : new Float32Array(out)),
  };
}

/** [rows, cols] -> [cols, rows], scaled. */
function transposed(data: Float32Array, rows: number, cols: number, scale: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]! * scale;
  return out;
}

/** Broadcasts a bias (scalar, [N] or [1, N]) to N values times `scale`. */
function biasOf(c: OnnxTensor | undefined, n: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  if (!c || scale === 0) return out;
  const data = f32(c);
  for (let i = 0; i < n; i++) out[i] = data[data.length === 1 ? 0 : i]! * scale;
  return out;
}

/**
 * Dense parameters in branchscope's [out, in] layout from Gemm (alpha and beta folded in, B transposed
 * unless transB) or from MatMul (B is [in, out]).
 */
export function denseParams(node: OnnxNode, b: OnnxTensor, c: OnnxTensor | undefined): LayerParams {
  const gemm = node.opType === 'Gemm';
  const transB = gemm && attr.int(node, 'transB', 0) === 1;
  const alpha = gemm ? attr.float(node, 'alpha', 1) : 1;
  const beta = gemm ? attr.float(node, 'beta', 1) : 1;
  const [rows, cols] = b.dims as [number, number];
  const [out, inputs] = transB ? [rows, cols] : [cols, rows];
  return {
    op: 'dense',
    weights: () => {
      const data = f32(b);
      if (!transB) return { shape: [out, inputs], data: transposed(data, rows, cols, alpha) };
      return { shape: [out, inputs], data: alpha === 1 ? data : data.map((v) => v * alpha) };
    },
    bias: () => biasOf(c, out, beta),
  };
}

export function batchNormParams(node: OnnxNode, [scale, bias, mean, variance]: OnnxTensor[]): LayerParams {
  return {
    op: 'batchnorm',
    params: () => ({ scale: f32(scale!), bias: f32(bias!), mean: f32(mean!), variance: f32(variance!), epsilon: attr.float(node, 'epsilon', 1e-5) }),
  };
}
