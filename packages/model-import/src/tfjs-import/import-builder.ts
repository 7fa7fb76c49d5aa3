import { validateGraph, type Graph, type GraphNode, type LrnAttrs, type PoolAttrs } from '@branchscope/core';
import { inferShapes } from '@branchscope/runtime';
import type { BatchNormParams, WeightSource } from '@branchscope/runtime';
import { emptyWeightTables, importedWeights } from './imported-weights';
import type { RawWeight } from './read-tfjs-folder';
import { denseToOutIn, depthwiseToOihw, featuresToNchw, hwioToOihw } from './tf-layouts';
import { permuted, type Site, type TfValue } from './tf-value';
import { TfjsImportError, type TfjsImportErrorCode } from './tfjs-import-error';
import { addPads, explicitPads, windowLength, type Pads, type TfPadding } from './window-padding';

export interface ConvSpec {
  /** HWIO [kh, kw, in / group, out], or [kh, kw, C, m] when depthwise. */
  kernel: RawWeight;
  depthwise: boolean;
  strides: [number, number];
  dilations: [number, number];
  padding: TfPadding;
  bias?: RawWeight;
  /** What the layer declares, checked against the kernel when given. */
  declared?: { filters?: number; kernelSize?: [number, number]; groups?: number };
}

export interface PoolSpec {
  kernel: [number, number];
  strides: [number, number];
  padding: TfPadding;
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
const fmt = (shape: readonly number[]): string => `[${shape.join(',')}]`;

/**
 * Assembles a core `Graph` and its converted weights from TF operations given in topological order. Tracks
 * each tensor's TF shape, so every mismatch is reported against the TF layer or op that causes it, and
 * folds ZeroPadding2D into the next conv (or max pool of non-negative values).
 */
export class ImportBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly taken = new Set<string>();
  private readonly biased = new Set<string>();
  private readonly tables = emptyWeightTables();
  private inputShape?: [number, number, number];

  constructor(private readonly file: string) {}

  fail(code: TfjsImportErrorCode, at: Site, problem: string): never {
    throw new TfjsImportError(code, `${this.file}: ${at.label} ${problem}`);
  }

  private add(at: Site, node: Omit<GraphNode, 'name'>, value: Omit<TfValue, 'node'>): TfValue {
    let name = at.name;
    for (let i = 1; this.taken.has(name); i++) name = `${at.name}_${i}`;
    this.taken.add(name);
    this.nodes.push({ name, ...node });
    return { node: name, ...value };
  }

  /** A value with no pending zero padding: other consumers cannot absorb it. */
  private plain(at: Site, x: TfValue): TfValue {
    if (x.pads) this.fail('unsupported', at, 'reads a ZeroPadding2D output; zero padding folds only into a following conv, or a max pool of non-negative (post-ReLU) values');
    return x;
  }

  private map(at: Site, x: TfValue): [number, number, number] {
    if (x.shape.length !== 3) this.fail('shape-mismatch', at, `needs a [height, width, channels] input, got ${fmt(x.shape)}`);
    return x.shape as [number, number, number];
  }

  input(at: Site, [h, w, c]: [number, number, number]): TfValue {
    if (this.inputShape) this.fail('unsupported', at, 'is a second model input; graphs have exactly one');
    this.inputShape = [c, h, w];
    return this.add(at, { op: 'input', inputs: [], channels: c }, { shape: [h, w, c], nonNegative: false });
  }

  zeroPad(at: Site, x: TfValue, pads: Pads): TfValue {
    const [h, w, c] = this.map(at, x);
    return { ...x, shape: [h + pads[0] + pads[2], w + pads[1] + pads[3], c], pads: addPads(x.pads ?? [0, 0, 0, 0], pads) };
  }

  /** Output [h, w] of a window op over `x`, and its pads: those of `padding` plus any pending zero padding. */
  private window(at: Site, x: TfValue, kernel: [number, number], strides: [number, number], dilations: [number, number], padding: TfPadding): { pads: Pads; out: [number, number] } {
    const [h, w] = this.map(at, x);
    const pending = x.pads ?? [0, 0, 0, 0];
    const pads = addPads(explicitPads([h, w], kernel, strides, dilations, padding), pending);
    const [h0, w0] = [h - pending[0] - pending[2], w - pending[1] - pending[3]];
    const out: [number, number] = [windowLength(h0, kernel[0], strides[0], dilations[0], pads[0], pads[2]), windowLength(w0, kernel[1], strides[1], dilations[1], pads[1], pads[3])];
    if (out[0] < 1 || out[1] < 1) this.fail('shape-mismatch', at, `has a ${kernel.join('x')} window larger than its ${h}x${w} input`);
    return { pads, out };
  }

  conv(at: Site, x: TfValue, spec: ConvSpec): TfValue {
    const [, , inC] = this.map(at, x);
    const k = spec.kernel.shape;
    if (k.length !== 4) this.fail('shape-mismatch', at, `has a kernel of shape ${fmt(k)}; expected 4-D [kh, kw, in, out]`);
    const [kh, kw, kIn, kOut] = k as [number, number, number, number];
    const outC = spec.depthwise ? kIn * kOut : kOut;
    const group = spec.depthwise ? kIn : inC / kIn;
    if (spec.depthwise ? kIn !== inC : !Number.isInteger(group) || kOut % group !== 0) {
      this.fail('shape-mismatch', at, `has a kernel of shape ${fmt(k)} that does not fit its ${inC} input channels`);
    }
    const d = spec.declared ?? {};
    if ((d.filters !== undefined && d.filters !== outC) || (d.kernelSize && !sameShape(d.kernelSize, [kh, kw])) || (d.groups !== undefined && d.groups !== group)) {
      this.fail('shape-mismatch', at, `declares filters ${d.filters}, kernel ${d.kernelSize?.join('x')}, groups ${d.groups ?? 1} but its kernel has shape ${fmt(k)} over ${inC} input channels`);
    }
    const { pads, out } = this.window(at, x, [kh, kw], spec.strides, spec.dilations, spec.padding);
    const conv = { kernel: [kh, kw] as [number, number], strides: spec.strides, pads, dilations: spec.dilations, group, bias: false };
    const y = this.add(at, { op: 'conv', inputs: [x.node], channels: outC, conv }, { shape: [...out, outC], nonNegative: false });
    this.tables.conv.set(y.node, spec.depthwise ? depthwiseToOihw(k, spec.kernel.data) : hwioToOihw(k, spec.kernel.data, group));
    this.tables.convBias.set(y.node, new Float32Array(outC));
    if (spec.bias) this.setBias(at, y, spec.bias);
    return y;
  }

  /** Gives the conv or dense computing `x` its bias (a graph model's BiasAdd); the caller checks nothing else reads `x`. */
  setBias(at: Site, x: TfValue, bias: RawWeight): void {
    const node = this.nodes.find((n) => n.name === x.node);
    const units = x.shape[x.shape.length - 1]!;
    if (!node || (node.op !== 'conv' && node.op !== 'dense') || this.biased.has(node.name) || x.pads) {
      this.fail('unsupported', at, 'adds a constant bias to a tensor that is not the output of a conv or a dense layer without bias');
    }
    if (!sameShape(bias.shape, [units])) this.fail('shape-mismatch', at, `has a bias of shape ${fmt(bias.shape)} for ${units} units`);
    (node.op === 'conv' ? this.tables.convBias : this.tables.denseBias).set(node.name, Float32Array.from(bias.data));
    if (node.conv) node.conv.bias = true;
    this.biased.add(node.name);
  }

  pool(at: Site, op: 'maxpool' | 'avgpool', x: TfValue, spec: PoolSpec): TfValue {
    if (x.pads && (op === 'avgpool' || !x.nonNegative)) this.plain(at, x);
    // Zero padding equals the pool's -inf padding only while every window still covers a real (>= 0) pixel.
    if (x.pads?.some((p, i) => p >= spec.kernel[i % 2]!)) this.fail('unsupported', at, `reads zero padding ${fmt(x.pads)} as wide as its ${spec.kernel.join('x')} window`);
    const [, , c] = this.map(at, x);
    const { pads, out } = this.window(at, x, spec.kernel, spec.strides, [1, 1], spec.padding);
    const pool: PoolAttrs = { kernel: spec.kernel, strides: spec.strides, pads, ceilMode: false };
    return this.add(at, { op, inputs: [x.node], channels: c, pool }, { shape: [...out, c], nonNegative: x.nonNegative });
  }

  globalAvgPool(at: Site, x: TfValue): TfValue {
    const [, , c] = this.map(at, this.plain(at, x));
    return this.add(at, { op: 'globalavgpool', inputs: [x.node], channels: c }, { shape: [c], nonNegative: x.nonNegative });
  }

  unary(at: Site, op: 'relu' | 'softmax' | 'dropout', x: TfValue): TfValue {
    this.plain(at, x);
    const channels = x.shape[x.shape.length - 1]!;
    const nonNegative = op === 'dropout' ? x.nonNegative : true;
    return this.add(at, { op, inputs: [x.node], channels }, { shape: [...x.shape], nonNegative, flattenedFrom: x.flattenedFrom });
  }

  /** Local response normalization across channels, in the graph's (ONNX) terms: see `graphdef/graphdef-ops.ts`. */
  lrn(at: Site, x: TfValue, lrn: LrnAttrs): TfValue {
    const [, , c] = this.map(at, this.plain(at, x));
    return this.add(at, { op: 'lrn', inputs: [x.node], channels: c, lrn: { ...lrn } }, { shape: [...x.shape], nonNegative: x.nonNegative });
  }

  concat(at: Site, xs: TfValue[]): TfValue {
    xs.forEach((x) => this.plain(at, x));
    const first = xs[0]!;
    if (xs.some((x) => !sameShape(x.shape.slice(0, -1), first.shape.slice(0, -1)))) {
      this.fail('shape-mismatch', at, `joins inputs of shapes ${xs.map((x) => fmt(x.shape)).join(', ')}, which differ before the channel axis`);
    }
    if (xs.some(permuted)) this.fail('unsupported', at, 'concatenates flattened feature maps, whose channels-last order the graph cannot keep');
    const channels = xs.reduce((sum, x) => sum + x.shape[x.shape.length - 1]!, 0);
    const node = { op: 'concat' as const, inputs: xs.map((x) => x.node), channels, axis: 1 };
    return this.add(at, node, { shape: [...first.shape.slice(0, -1), channels], nonNegative: xs.every((x) => x.nonNegative) });
  }

  sum(at: Site, xs: TfValue[]): TfValue {
    xs.forEach((x) => this.plain(at, x));
    const first = xs[0]!;
    if (xs.some((x) => !sameShape(x.shape, first.shape))) this.fail('shape-mismatch', at, `adds inputs of different shapes ${xs.map((x) => fmt(x.shape)).join(', ')}`);
    if (xs.some((x) => permuted(x) !== permuted(first))) this.fail('unsupported', at, 'adds flattened feature maps to features in another order');
    const node = { op: 'add' as const, inputs: xs.map((x) => x.node), channels: first.shape[first.shape.length - 1]! };
    return this.add(at, node, { shape: [...first.shape], nonNegative: xs.every((x) => x.nonNegative), flattenedFrom: first.flattenedFrom });
  }

  batchnorm(at: Site, x: TfValue, params: BatchNormParams): TfValue {
    this.plain(at, x);
    const channels = x.shape[x.shape.length - 1]!;
    const arrays = [params.scale, params.bias, params.mean, params.variance];
    if (arrays.some((a) => a.length !== channels)) this.fail('shape-mismatch', at, `has parameters of lengths ${arrays.map((a) => a.length).join(', ')} for ${channels} channels`);
    const y = this.add(at, { op: 'batchnorm', inputs: [x.node], channels }, { shape: [...x.shape], nonNegative: false, flattenedFrom: x.flattenedFrom });
    const order = (a: Float32Array): Float32Array => (permuted(x) ? featuresToNchw(a, x.flattenedFrom!) : Float32Array.from(a));
    this.tables.batchnorm.set(y.node, { scale: order(params.scale), bias: order(params.bias), mean: order(params.mean), variance: order(params.variance), epsilon: params.epsilon });
    return y;
  }

  flatten(at: Site, x: TfValue): TfValue {
    this.plain(at, x);
    if (x.shape.length === 1) return x;
    const [h, w, c] = this.map(at, x);
    return this.add(at, { op: 'flatten', inputs: [x.node], channels: h * w * c }, { shape: [h * w * c], nonNegative: x.nonNegative, flattenedFrom: [h, w, c] });
  }

  dense(at: Site, x: TfValue, kernel: RawWeight, bias?: RawWeight): TfValue {
    this.plain(at, x);
    if (x.shape.length !== 1) this.fail('unsupported', at, `applies a dense layer to a ${fmt(x.shape)} map; only flattened or pooled features are supported`);
    if (kernel.shape.length !== 2 || kernel.shape[0] !== x.shape[0]) this.fail('shape-mismatch', at, `has a kernel of shape ${fmt(kernel.shape)} for ${x.shape[0]} input features`);
    const units = kernel.shape[1]!;
    const y = this.add(at, { op: 'dense', inputs: [x.node], channels: units }, { shape: [units], nonNegative: false });
    this.tables.dense.set(y.node, denseToOutIn(kernel.shape, kernel.data, permuted(x) ? x.flattenedFrom : undefined));
    this.tables.denseBias.set(y.node, new Float32Array(units));
    if (bias) this.setBias(at, y, bias);
    return y;
  }

  /** The finished graph, checked by core's `validateGraph` and the executor's `inferShapes`, and its weights. */
  finish(name: string, at: Site, output: TfValue, inputRange: [number, number]): { graph: Graph; weights: WeightSource } {
    this.plain(at, output);
    if (permuted(output)) this.fail('unsupported', at, 'outputs a flattened feature map, whose channels-last order the graph cannot reproduce');
    const inputShape = this.inputShape ?? this.fail('invalid-model-json', at, 'is reached from no model input');
    const graph: Graph = { name, inputShape, inputRange, nodes: this.nodes, output: output.node };
    try {
      validateGraph(graph);
      inferShapes(graph);
    } catch (err) {
      throw new TfjsImportError('shape-mismatch', `${this.file}: the imported graph is inconsistent: ${(err as Error).message}`);
    }
    return { graph, weights: importedWeights(this.tables, name) };
  }
}
