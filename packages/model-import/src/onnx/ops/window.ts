import { attr, badAttribute, badShape } from '../attributes';
import type { OnnxNode } from '../onnx-model';

/** A resolved sliding window over the spatial axes of one input (Conv, MaxPool, AveragePool). */
export interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Declared (or auto) padding before and after each spatial axis. */
  begin: number[];
  end: number[];
  /** Output length of each spatial axis. */
  out: number[];
}

/**
 * Output length of one axis. In ceil mode the last window may overhang the end, but one that would start
 * inside the end padding is dropped (as ONNX Runtime and Caffe do).
 */
export function windowLength(size: number, k: number, s: number, d: number, begin: number, end: number, ceil: boolean): number {
  const span = size + begin + end - ((k - 1) * d + 1);
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && out > 1 && (out - 1) * s >= size + begin) out -= 1;
  return out;
}

const positive = (node: OnnxNode, name: string, values: number[], n: number): number[] => {
  if (values.length !== n) badAttribute(node, `'${name}' has ${values.length} values for ${n} spatial axes`);
  if (values.some((v) => !Number.isInteger(v) || v < 1)) badAttribute(node, `'${name}' must be positive integers, got [${values.join(', ')}]`);
  return values;
};

/** Reads kernel_shape (or `kernel` from the weights), strides, dilations, pads and auto_pad, and resolves them for `spatial`. */
export function resolveWindow(node: OnnxNode, spatial: number[], kernelFromWeights?: number[], ceil = false): Window {
  const n = spatial.length;
  const kernel = positive(node, 'kernel_shape', attr.ints(node, 'kernel_shape') ?? kernelFromWeights ?? badAttribute(node, "has no 'kernel_shape'"), n);
  if (kernelFromWeights && kernel.join() !== kernelFromWeights.join()) {
    badShape(node, `kernel_shape [${kernel.join(', ')}] disagrees with the weight's spatial dims [${kernelFromWeights.join(', ')}]`);
  }
  const strides = positive(node, 'strides', attr.ints(node, 'strides') ?? kernel.map(() => 1), n);
  const dilations = positive(node, 'dilations', attr.ints(node, 'dilations') ?? kernel.map(() => 1), n);
  const autoPad = attr.string(node, 'auto_pad', 'NOTSET');
  let begin: number[];
  let end: number[];
  if (autoPad === 'NOTSET') {
    const pads = attr.ints(node, 'pads') ?? new Array<number>(2 * n).fill(0);
    if (pads.length !== 2 * n) badAttribute(node, `'pads' has ${pads.length} values for ${n} spatial axes (needs ${2 * n})`);
    if (pads.some((p) => !Number.isInteger(p) || p < 0)) badAttribute(node, `'pads' must be non-negative, got [${pads.join(', ')}]`);
    begin = pads.slice(0, n);
    end = pads.slice(n);
  } else if (autoPad === 'VALID') {
    begin = kernel.map(() => 0);
    end = kernel.map(() => 0);
  } else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const total = spatial.map((size, i) => Math.max(0, (Math.ceil(size / strides[i]!) - 1) * strides[i]! + (kernel[i]! - 1) * dilations[i]! + 1 - size));
    const small = total.map((t) => Math.floor(t / 2));
    begin = autoPad === 'SAME_UPPER' ? small : total.map((t, i) => t - small[i]!);
    end = total.map((t, i) => t - begin[i]!);
  } else {
    return badAttribute(node, `auto_pad '${autoPad}' is not NOTSET, VALID, SAME_UPPER or SAME_LOWER`);
  }
  const out = spatial.map((size, i) => windowLength(size, kernel[i]!, strides[i]!, dilations[i]!, begin[i]!, end[i]!, ceil));
  if (out.some((o) => o < 1)) {
    badShape(node, `a ${spatial.join('x')} input is too small for its ${kernel.join('x')} window (output ${out.join('x')})`);
  }
  return { kernel, strides, dilations, begin, end, out };
}
