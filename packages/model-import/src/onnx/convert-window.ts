import { attr } from './attributes';
import { act, constant, known, optionalConstant, readers, spatial4d, type Converter } from './converter';
import { convParams } from './graph-params';
import type { OnnxNode } from './onnx-model';
import { resolveWindow } from './ops/window';

type Pads = [number, number, number, number];

export function convertConv(c: Converter, node: OnnxNode): void {
  const padded = c.pads.get(node.inputs[0]!);
  const x = act(c, node, 0);
  const w = constant(c, node, 1, 'weight');
  const b = optionalConstant(c, node, 2, 'bias');
  const inner = spatial4d(c, node);
  const win = resolveWindow(node, inner.slice(2), w.dims.slice(2));
  const extra = padded?.[1] ?? [0, 0, 0, 0];
  const group = attr.int(node, 'group', 1);
  const pads: Pads = [win.begin[0]! + extra[0]!, win.begin[1]! + extra[1]!, win.end[0]! + extra[2]!, win.end[1]! + extra[3]!];
  const conv = { kernel: win.kernel as [number, number], strides: win.strides as [number, number], pads, dilations: win.dilations as [number, number], group, bias: b !== undefined };
  c.push(node, { op: 'conv', inputs: [x], conv }, convParams(w, b, group));
}

/**
 * MaxPool and AveragePool. A zero Pad before an AveragePool folds in as padding counted in the average (its zeros
 * are pixels to the pool), which is what count_include_pad says of the pool's own pads.
 */
export function convertPool(c: Converter, node: OnnxNode): void {
  const padded = c.pads.get(node.inputs[0]!);
  const s = spatial4d(c, node);
  const ceilMode = attr.int(node, 'ceil_mode', 0) === 1;
  const win = resolveWindow(node, s.slice(2), undefined, ceilMode);
  if (win.dilations.some((d) => d !== 1)) c.fail('pools with dilations', node);
  const own: Pads = [win.begin[0]!, win.begin[1]!, win.end[0]!, win.end[1]!];
  const average = node.opType === 'AveragePool';
  const includesOwn = average && attr.int(node, 'count_include_pad', 0) === 1;
  const extra = padded?.[1] ?? [0, 0, 0, 0];
  if (padded && own.some((p) => p > 0) && !includesOwn) c.fail('averages a zero-padded input with padding of its own that it does not count (count_include_pad = 0)', node);
  const pads = own.map((p, i) => p + extra[i]!) as Pads;
  const countIncludePad = pads.some((p) => p > 0) && (includesOwn || padded !== undefined);
  const pool = { kernel: win.kernel as [number, number], strides: win.strides as [number, number], pads, ceilMode, ...(countIncludePad ? { countIncludePad } : {}) };
  c.push(node, { op: average ? 'avgpool' : 'maxpool', inputs: [act(c, node, 0)], pool });
}

/**
 * Pad: all-zero pads are the identity. A constant zero pad of the spatial axes whose readers are all Convs, or all
 * AveragePools, waits to fold into their padding (Inception-v3 and DenseNet pool after an explicit Pad).
 */
export function convertPad(c: Converter, node: OnnxNode): void {
  const old = c.model.opset < 11;
  const pads = old ? (attr.ints(node, 'pads') ?? attr.ints(node, 'paddings')) : known(c, node, 1)?.data;
  const value = old ? attr.float(node, 'value', 0) : (known(c, node, 2)?.data[0] ?? 0);
  const p = pads ? Array.from(pads, Number) : [];
  const kinds = new Set(readers(c, node.outputs[0]!).map((r) => r.opType));
  const zeroPad = attr.string(node, 'mode', 'constant') === 'constant' && value === 0 && p.length === 8 && !p.some((v) => v < 0);
  if (zeroPad && p.every((v) => v === 0)) return c.alias(node, node.inputs[0]!);
  const foldable = (kinds.size === 1 && (kinds.has('Conv') || kinds.has('AveragePool'))) || false;
  if (!zeroPad || p[0] || p[1] || p[4] || p[5] || !foldable) c.fail('pads in a way that does not fold into the convolution or average pool that follows', node);
  act(c, node, 0);
  c.pads.set(node.outputs[0]!, [node.inputs[0]!, [p[2]!, p[3]!, p[6]!, p[7]!]]);
}
