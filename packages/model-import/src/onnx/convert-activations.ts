import { attr } from './attributes';
import { act, known, readers, type Converter } from './converter';
import type { OnnxNode } from './onnx-model';

const FLOAT_MAX = 3.4e38;

/** Clip(0, inf) is a ReLU; any other bounds (ReLU6 is [0, 6]) a clip node. */
export function convertClip(c: Converter, node: OnnxNode): void {
  const bound = (i: number, name: string, fallback: number): number =>
    c.model.opset < 11 ? attr.float(node, name, fallback) : (node.inputs[i] ?? '') === '' ? fallback : (known(c, node, i) ?? c.fail(`takes its ${name} bound from a computed tensor`, node)).data[0]!;
  const lo = bound(1, 'min', -Infinity);
  const hi = bound(2, 'max', Infinity);
  if (lo === 0 && hi >= FLOAT_MAX) return c.push(node, { op: 'relu', inputs: [act(c, node, 0)] });
  c.push(node, { op: 'clip', inputs: [act(c, node, 0)], clip: { min: lo <= -FLOAT_MAX ? -Infinity : lo, max: hi >= FLOAT_MAX ? Infinity : hi } });
}

/** HardSigmoid with PyTorch's hardswish constants: alpha 1/6 (stored as float32), beta 1/2. */
const isHardSwishGate = (alpha: number, beta: number): boolean => Math.abs(alpha - 1 / 6) < 1e-6 && beta === 0.5;

/**
 * A Sigmoid (or HardSigmoid with alpha 1/6, beta 1/2) read only by a Mul that multiplies it with its own input is
 * half of a SiLU (HardSwish), as exporters write x * sigmoid(x): it waits for that Mul (see {@link convertFusedMul}).
 * Otherwise it is a node of its own.
 */
export function convertSigmoid(c: Converter, node: OnnxNode): void {
  const x = node.inputs[0]!;
  const out = node.outputs[0]!;
  const [reader, ...others] = readers(c, out);
  const hard = node.opType === 'HardSigmoid';
  const alpha = hard ? attr.float(node, 'alpha', 0.2) : 0;
  const beta = hard ? attr.float(node, 'beta', 0.5) : 0;
  const pairsWithInput = reader?.opType === 'Mul' && others.length === 0 && reader.inputs.length === 2 && reader.inputs.includes(x) && reader.inputs.includes(out);
  if (pairsWithInput && (!hard || isHardSwishGate(alpha, beta))) {
    act(c, node, 0);
    c.fused.set(out, [hard ? 'hardswish' : 'silu', x]);
    return;
  }
  if (!hard) return c.push(node, { op: 'sigmoid', inputs: [act(c, node, 0)] });
  c.push(node, { op: 'hardsigmoid', inputs: [act(c, node, 0)], hardSigmoid: { alpha, beta } });
}

/** The Mul that completes a SiLU or HardSwish whose gate waits in `c.fused`; false when `node` is not one. */
export function convertFusedMul(c: Converter, node: OnnxNode): boolean {
  const gate = node.inputs.find((t) => c.fused.has(t));
  if (gate === undefined) return false;
  const [op, x] = c.fused.get(gate)!;
  c.push(node, { op, inputs: [act(c, node, node.inputs.indexOf(x))] });
  return true;
}
