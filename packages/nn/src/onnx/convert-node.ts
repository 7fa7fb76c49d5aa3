import type { GraphNode } from '@branchscope/core';
import { attr } from './attributes';
import { batchNormParams, convParams, denseParams } from './graph-params';
import type { OnnxModel, OnnxNode, OnnxTensor } from './onnx-model';
import type { LayerParams } from './onnx-weight-source';
import { normAxis, product } from './ops/op-def';
import { resolveWindow } from './ops/window';

type Layer = Omit<GraphNode, 'name' | 'channels'>;

/** The conversion state `convertNode` works on (see onnxToGraph). */
export interface Converter {
  model: OnnxModel;
  /** ONNX activation tensor -> graph node that holds it. */
  activations: Map<string, string>;
  consumers: ReadonlyMap<string, OnnxNode[]>;
  /** Zero Pad outputs waiting to fold into the Conv that reads them: tensor -> [source, [top, left, bottom, right]]. */
  pads: Map<string, [string, number[]]>;
  fail(problem: string, node?: OnnxNode): never;
  shape(tensor: string, node: OnnxNode): number[];
  push(node: OnnxNode, layer: Layer, params?: LayerParams): void;
  alias(node: OnnxNode, from: string): void;
  /** Folds a per-unit bias into the conv or dense layer `layer` if it was just added, has none and feeds only `node`. */
  foldBias(node: OnnxNode, layer: string, bias: Float32Array): boolean;
}

function act(c: Converter, node: OnnxNode, i: number): string {
  const tensor = node.inputs[i] ?? '';
  const source = c.pads.get(tensor)?.[0] ?? tensor;
  return c.activations.get(source) ?? c.fail(`computes its input ${i} ('${tensor}') from constants only`, node);
}

function constant(c: Converter, node: OnnxNode, i: number, what: string): OnnxTensor {
  return c.model.constants.get(node.inputs[i] ?? '') ?? c.fail(`takes its ${what} '${node.inputs[i]}' from a computed tensor, not an initializer`, node);
}

const optionalConstant = (c: Converter, node: OnnxNode, i: number, what: string): OnnxTensor | undefined =>
  (node.inputs[i] ?? '') === '' ? undefined : constant(c, node, i, what);

function spatial4d(c: Converter, node: OnnxNode): number[] {
  const s = c.shape(node.inputs[0]!, node);
  if (s.length !== 4) c.fail(`works on a rank-${s.length} tensor; graphs hold 2-D images only`, node);
  return s;
}

function conv(c: Converter, node: OnnxNode): void {
  const padded = c.pads.get(node.inputs[0]!);
  const x = act(c, node, 0);
  const w = constant(c, node, 1, 'weight');
  const b = optionalConstant(c, node, 2, 'bias');
  const inner = spatial4d(c, node);
  const win = resolveWindow(node, inner.slice(2), w.dims.slice(2));
  const extra = padded?.[1] ?? [0, 0, 0, 0];
  const group = attr.int(node, 'group', 1);
  const pads: [number, number, number, number] = [win.begin[0]! + extra[0]!, win.begin[1]! + extra[1]!, win.end[0]! + extra[2]!, win.end[1]! + extra[3]!];
  const conv = { kernel: win.kernel as [number, number], strides: win.strides as [number, number], pads, dilations: win.dilations as [number, number], group, bias: b !== undefined };
  c.push(node, { op: 'conv', inputs: [x], conv }, convParams(w, b, group));
}

function pool(c: Converter, node: OnnxNode): void {
  const s = spatial4d(c, node);
  const ceilMode = attr.int(node, 'ceil_mode', 0) === 1;
  const win = resolveWindow(node, s.slice(2), undefined, ceilMode);
  if (win.dilations.some((d) => d !== 1)) c.fail('pools with dilations', node);
  const pads: [number, number, number, number] = [win.begin[0]!, win.begin[1]!, win.end[0]!, win.end[1]!];
  if (node.opType === 'AveragePool' && attr.int(node, 'count_include_pad', 0) === 1 && pads.some((p) => p > 0)) c.fail('averages padding in (count_include_pad)', node);
  const op = node.opType === 'MaxPool' ? 'maxpool' : 'avgpool';
  c.push(node, { op, inputs: [act(c, node, 0)], pool: { kernel: win.kernel as [number, number], strides: win.strides as [number, number], pads, ceilMode } });
}

/** A zero Pad of the spatial axes whose only readers are Convs folds into their pads. */
function padToConv(c: Converter, node: OnnxNode): void {
  const old = c.model.opset < 11;
  const pads = old ? (attr.ints(node, 'pads') ?? attr.ints(node, 'paddings')) : c.model.constants.get(node.inputs[1] ?? '')?.data;
  const value = old ? attr.float(node, 'value', 0) : (c.model.constants.get(node.inputs[2] ?? '')?.data[0] ?? 0);
  const readers = c.consumers.get(node.outputs[0]!) ?? [];
  const p = pads ? Array.from(pads) : [];
  const zeroPad = attr.string(node, 'mode', 'constant') === 'constant' && value === 0 && p.length === 8;
  if (!zeroPad || p.some((v) => v < 0) || p[0] || p[1] || p[4] || p[5] || readers.length === 0 || readers.some((r) => r.opType !== 'Conv')) {
    c.fail('pads in a way that does not fold into the convolution that follows', node);
  }
  act(c, node, 0);
  c.pads.set(node.outputs[0]!, [node.inputs[0]!, [p[2]!, p[3]!, p[6]!, p[7]!]]);
}

/** Add(activation, constant) right after a bias-free Conv or MatMul, with one value per unit: that layer's bias. */
function addBias(c: Converter, node: OnnxNode): void {
  const i = c.model.constants.has(node.inputs[0]!) ? 1 : 0;
  const bias = constant(c, node, 1 - i, 'addend');
  const out = c.shape(node.outputs[0]!, node);
  const dims = [...new Array<number>(Math.max(0, out.length - bias.dims.length)).fill(1), ...bias.dims];
  const perUnit = dims.length === out.length && dims.every((d, axis) => d === 1 || (axis === 1 && d === out[1]));
  const layer = act(c, node, i);
  const values = Float32Array.from({ length: out[1] ?? 1 }, (_, u) => Number(bias.data[bias.data.length === 1 ? 0 : u]));
  if (!perUnit || c.shape(node.inputs[i]!, node).join() !== out.join() || !c.foldBias(node, layer, values)) {
    c.fail('adds a constant that is not the bias of a bias-free Conv or MatMul right before it', node);
  }
}

/** Converts one ONNX node that reads at least one activation. */
export function convertNode(c: Converter, node: OnnxNode): void {
  const unary = (op: GraphNode['op']): void => c.push(node, { op, inputs: [act(c, node, 0)] });
  const inShape = (): number[] => c.shape(node.inputs[0]!, node);
  switch (node.opType) {
    case 'Identity':
      return c.alias(node, node.inputs[0]!);
    case 'Dropout':
      return unary('dropout');
    case 'Relu':
      return unary('relu');
    case 'Clip': {
      const lo = c.model.opset < 11 ? attr.float(node, 'min', -Infinity) : (c.model.constants.get(node.inputs[1] ?? '')?.data[0] ?? -Infinity);
      const hi = c.model.opset < 11 ? attr.float(node, 'max', Infinity) : (c.model.constants.get(node.inputs[2] ?? '')?.data[0] ?? Infinity);
      if (lo !== 0 || hi < 3.4e38) c.fail(`clips to [${lo}, ${hi}]; only Clip(0, inf), a ReLU, has a graph equivalent`, node);
      return unary('relu');
    }
    case 'LRN':
      spatial4d(c, node);
      return c.push(node, {
        op: 'lrn',
        inputs: [act(c, node, 0)],
        lrn: { size: attr.int(node, 'size', 1), alpha: attr.float(node, 'alpha', 1e-4), beta: attr.float(node, 'beta', 0.75), bias: attr.float(node, 'bias', 1) },
      });
    case 'Conv':
      return conv(c, node);
    case 'MaxPool':
    case 'AveragePool':
      return pool(c, node);
    case 'GlobalAveragePool':
      spatial4d(c, node);
      return unary('globalavgpool');
    case 'Concat': {
      const rank = inShape().length;
      if (normAxis(node, attr.int(node, 'axis', 1), rank) !== 1) c.fail('concatenates along an axis other than channels', node);
      return c.push(node, { op: 'concat', inputs: node.inputs.map((_, i) => act(c, node, i)), axis: 1 });
    }
    case 'Add':
      if (node.inputs.some((i) => c.model.constants.has(i))) return addBias(c, node);
    // falls through
    case 'Sum': {
      const inputs = node.inputs.map((_, i) => act(c, node, i));
      const shapes = node.inputs.map((t) => c.shape(t, node).join());
      if (shapes.some((s) => s !== shapes[0])) c.fail('adds tensors of different shapes (broadcasting has no graph equivalent)', node);
      return inputs.length === 1 ? c.alias(node, node.inputs[0]!) : c.push(node, { op: 'add', inputs });
    }
    case 'BatchNormalization': {
      const params = [1, 2, 3, 4].map((i) => constant(c, node, i, 'parameter'));
      if (params.some((p) => p.data.length !== inShape()[1])) c.fail('has per-activation parameters (spatial = 0)', node);
      return c.push(node, { op: 'batchnorm', inputs: [act(c, node, 0)] }, batchNormParams(node, params));
    }
    case 'Gemm':
    case 'MatMul': {
      if (inShape().length !== 2) c.fail('multiplies a tensor that is not [N, features]', node);
      if (node.opType === 'Gemm' && attr.int(node, 'transA', 0) === 1) c.fail('transposes its activation input (transA)', node);
      const b = constant(c, node, 1, 'weight');
      if (b.dims.length !== 2) c.fail(`has a rank-${b.dims.length} weight`, node);
      return c.push(node, { op: 'dense', inputs: [act(c, node, 0)] }, denseParams(node, b, node.opType === 'Gemm' ? optionalConstant(c, node, 2, 'bias') : undefined));
    }
    case 'Flatten':
    case 'Reshape': {
      const from = inShape();
      const to = c.shape(node.outputs[0]!, node);
      if (from.join() === to.join() || (from.length === 2 && to.length === 2 && from[0] === to[0])) return c.alias(node, node.inputs[0]!);
      if (from.length === 4 && to.length === 2 && to[0] === from[0] && to[1] === product(from.slice(1))) return unary('flatten');
      return c.fail(`reshapes [${from.join(', ')}] to [${to.join(', ')}]; only flattening an image to [N, features] has a graph equivalent`, node);
    }
    case 'Softmax': {
      const rank = inShape().length;
      const axis = normAxis(node, attr.int(node, 'axis', c.model.opset < 13 ? 1 : -1), rank);
      if (rank !== 2 && !(rank === 4 && axis === 1 && c.model.opset >= 13)) c.fail('normalises over something other than the feature axis', node);
      return unary('softmax');
    }
    case 'Pad':
      return padToConv(c, node);
    default:
      return c.fail('has no graph equivalent', node);
  }
}
