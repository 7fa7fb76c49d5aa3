import type { AffineAttrs } from '@branchscope/core';
import { convertFusedMul } from './convert-activations';
import { act, known, type Converter } from './converter';
import type { OnnxNode, OnnxTensor } from './onnx-model';

/**
 * A constant's values per channel of an [N, C, ...] output when it broadcasts as one value or one per channel
 * (dims all 1 but the channel axis); undefined otherwise.
 */
function perChannel(c: Converter, node: OnnxNode, value: OnnxTensor): number[] | undefined {
  const out = c.shape(node.outputs[0]!, node);
  if (out.length < 2) return undefined;
  const dims = [...new Array<number>(Math.max(0, out.length - value.dims.length)).fill(1), ...value.dims];
  const fits = dims.length === out.length && dims.every((d, axis) => d === 1 || (axis === 1 && d === out[1]));
  return fits ? Array.from(value.data, Number) : undefined;
}

/** y = x * scale + shift, per channel, for `x` = the node's activation input. */
function affine(c: Converter, node: OnnxNode, input: number, a: AffineAttrs): void {
  if (c.shape(node.inputs[input]!, node).join() !== c.shape(node.outputs[0]!, node).join()) c.fail('broadcasts its activation input to a larger shape', node);
  c.push(node, { op: 'affine', inputs: [act(c, node, input)], affine: a });
}

/** Add(activation, constant) right after a bias-free Conv or MatMul, with one value per unit: that layer's bias. */
function foldedBias(c: Converter, node: OnnxNode, input: number, values: number[]): boolean {
  const out = c.shape(node.outputs[0]!, node);
  if (c.shape(node.inputs[input]!, node).join() !== out.join()) return false;
  const bias = Float32Array.from({ length: out[1] ?? 1 }, (_, u) => values[values.length === 1 ? 0 : u]!);
  return c.foldBias(node, act(c, node, input), bias);
}

/**
 * Add, Sub, Mul and Div where one operand is a constant per channel: a bias folded into the Conv or MatMul before
 * (Add), else an affine node (GoogLeNet's transform_input: x * 0.458 - 0.030).
 */
function withConstant(c: Converter, node: OnnxNode): void {
  const i = known(c, node, 0) ? 1 : 0;
  const values = perChannel(c, node, known(c, node, 1 - i)!) ?? c.fail(`${node.opType === 'Mul' || node.opType === 'Div' ? 'scales' : 'shifts'} by a constant that is not one value per channel`, node);
  const none = [0];
  const ones = [1];
  switch (node.opType) {
    case 'Add':
      if (foldedBias(c, node, i, values)) return;
      return affine(c, node, i, { scale: ones, shift: values });
    case 'Sub':
      return affine(c, node, i, i === 0 ? { scale: ones, shift: values.map((v) => -v) } : { scale: [-1], shift: values });
    case 'Mul':
      return affine(c, node, i, { scale: values, shift: none });
    default:
      if (i !== 0) c.fail('divides a constant by an activation', node);
      return affine(c, node, i, { scale: values.map((v) => 1 / v), shift: none });
  }
}

/**
 * Mul of two activations: a gate (squeeze-and-excitation) when one is [N, C, 1, 1] and the other [N, C, H, W], or
 * two tensors of one shape. The gate goes second.
 */
function gate(c: Converter, node: OnnxNode): void {
  const [a, b] = node.inputs.map((t) => c.shape(t, node)) as [number[], number[]];
  const out = c.shape(node.outputs[0]!, node);
  const isGate = (s: number[]): boolean => s.length === 4 && s[1] === out[1] && s[2] === 1 && s[3] === 1;
  const order = a.join() === out.join() && (b.join() === out.join() || isGate(b)) ? [0, 1] : b.join() === out.join() && isGate(a) ? [1, 0] : undefined;
  if (!order || out.length !== 4) c.fail(`multiplies [${a.join(', ')}] by [${b.join(', ')}]; only a per-channel gate or a tensor of the same shape has a graph equivalent`, node);
  c.push(node, { op: 'mul', inputs: order.map((i) => act(c, node, i)) });
}

/** Add, Sum, Sub, Mul and Div. */
export function convertArithmetic(c: Converter, node: OnnxNode): void {
  if (node.opType === 'Mul' && convertFusedMul(c, node)) return;
  const constants = node.inputs.filter((_, i) => known(c, node, i) !== undefined).length;
  if (constants > 0) {
    if (node.inputs.length !== 2) c.fail('sums activations and constants', node);
    return withConstant(c, node);
  }
  if (node.opType === 'Mul') return gate(c, node);
  if (node.opType !== 'Add' && node.opType !== 'Sum') c.fail(`${node.opType === 'Sub' ? 'subtracts' : 'divides'} two activations`, node);
  const inputs = node.inputs.map((_, i) => act(c, node, i));
  const shapes = node.inputs.map((t) => c.shape(t, node).join());
  if (shapes.some((s) => s !== shapes[0])) c.fail('adds tensors of different shapes (broadcasting has no graph equivalent)', node);
  return inputs.length === 1 ? c.alias(node, node.inputs[0]!) : c.push(node, { op: 'add', inputs });
}
