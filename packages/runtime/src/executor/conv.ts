import * as tf from '@tensorflow/tfjs-core';
import type { ConvAttrs, ConvWeights } from '@branchscope/core';

/** A conv's weights in TF.js layout, kept alive across tidy scopes until the model is disposed. */
export interface ConvParams {
  /** 'depthwise' when every group has one input channel; then `filters` holds one [kh, kw, C, m] filter. */
  mode: 'dense' | 'grouped' | 'depthwise';
  /** One HWIO filter [kh, kw, in/group, out/group] per group. */
  filters: tf.Tensor4D[];
  bias: tf.Tensor1D | null;
}

/** OIHW output channels [from, from + count) to HWIO, in plain JS so no kernel op is recorded on a tape. */
function hwio(w: ConvWeights, from: number, count: number): Float32Array {
  const [, inC, kh, kw] = w.shape;
  const out = new Float32Array(kh * kw * inC * count);
  for (let o = 0; o < count; o++) {
    for (let i = 0; i < inC; i++) {
      for (let y = 0; y < kh; y++) {
        for (let x = 0; x < kw; x++) {
          out[((y * kw + x) * inC + i) * count + o] = w.data[(((from + o) * inC + i) * kh + y) * kw + x];
        }
      }
    }
  }
  return out;
}

/** Spreads kernel taps `dilations` apart with zeros between them. */
function dilate(w: ConvWeights, [dh, dw]: [number, number]): ConvWeights {
  const [outC, inC, kh, kw] = w.shape;
  const eh = (kh - 1) * dh + 1;
  const ew = (kw - 1) * dw + 1;
  const data = new Float32Array(outC * inC * eh * ew);
  for (let oi = 0; oi < outC * inC; oi++) {
    for (let y = 0; y < kh; y++) {
      for (let x = 0; x < kw; x++) data[(oi * eh + y * dh) * ew + x * dw] = w.data[(oi * kh + y) * kw + x];
    }
  }
  return { shape: [outC, inC, eh, ew], group: w.group, data };
}

/**
 * Converts ONNX conv weights for TF.js, which has no group argument: one filter per group (or depthwise).
 * Dilated kernels are expanded with zeros here because TF.js has no gradient for dilated convolutions
 * (and refuses strides and dilations both above 1); the extra multiplications by zero are the price.
 */
export function prepareConv(layer: string, a: ConvAttrs, weights: ConvWeights, bias: Float32Array | null): ConvParams {
  const [outC, inC, kh, kw] = weights.shape;
  if (weights.data.length !== outC * inC * kh * kw) {
    throw new Error(`conv '${layer}': weight data has ${weights.data.length} values, shape [${weights.shape.join(',')}] needs ${outC * inC * kh * kw}`);
  }
  if (kh !== a.kernel[0] || kw !== a.kernel[1]) {
    throw new Error(`conv '${layer}': weights are ${kh}x${kw} but the graph says a ${a.kernel[0]}x${a.kernel[1]} kernel`);
  }
  const w = a.dilations[0] > 1 || a.dilations[1] > 1 ? dilate(weights, a.dilations) : weights;
  const [eh, ew] = [w.shape[2], w.shape[3]];
  if (outC % w.group !== 0) throw new Error(`conv '${layer}': ${outC} output channels are not divisible by group ${w.group}`);
  const keepTensor = <T extends tf.Tensor>(t: T): T => tf.keep(t);
  const b = bias ? keepTensor(tf.tensor1d(bias)) : null;
  if (w.group > 1 && inC === 1) {
    // ONNX depthwise output o = c * m + j is exactly TF.js's depthwise channel order.
    const m = outC / w.group;
    return { mode: 'depthwise', filters: [keepTensor(tf.tensor4d(hwio(w, 0, outC), [eh, ew, w.group, m]))], bias: b };
  }
  const per = outC / w.group;
  const filters = Array.from({ length: w.group }, (_, g) => keepTensor(tf.tensor4d(hwio(w, g * per, per), [eh, ew, inC, per])));
  return { mode: w.group === 1 ? 'dense' : 'grouped', filters, bias: b };
}

/**
 * The wasm backend has no depthwise input gradient; there a depthwise conv runs as one conv per channel,
 * slower but differentiable.
 */
function hasDepthwiseGradient(): boolean {
  return tf.getKernel('DepthwiseConv2dNativeBackpropInput', tf.getBackend()) !== undefined;
}

/** Convolves NHWC `x` with ONNX semantics: asymmetric pads, strides, groups (dilations are in the filters). */
export function applyConv(layer: string, x: tf.Tensor4D, a: ConvAttrs, p: ConvParams): tf.Tensor4D {
  const [top, left, bottom, right] = a.pads;
  const padded = top || left || bottom || right ? tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]) : x;
  const conv = (input: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor4D =>
    p.mode === 'depthwise' ? tf.depthwiseConv2d(input, filter, a.strides, 'valid') : tf.conv2d(input, filter, a.strides, 'valid');

  const expectIn = p.mode === 'depthwise' ? p.filters[0].shape[2] : p.filters[0].shape[2] * p.filters.length;
  if (padded.shape[3] !== expectIn) throw new Error(`conv '${layer}' expects ${expectIn} input channels, got ${padded.shape[3]}`);

  const grouped = (filters: tf.Tensor4D[]): tf.Tensor4D =>
    tf.concat(tf.split(padded, filters.length, 3).map((part, g) => tf.conv2d(part as tf.Tensor4D, filters[g], a.strides, 'valid')), 3);
  let y: tf.Tensor4D;
  if (p.mode === 'grouped') y = grouped(p.filters);
  else if (p.mode === 'depthwise' && !hasDepthwiseGradient()) y = grouped(tf.split(p.filters[0], p.filters[0].shape[2], 2) as tf.Tensor4D[]);
  else y = conv(padded, p.filters[0]);
  return p.bias ? tf.add(y, p.bias) : y;
}
