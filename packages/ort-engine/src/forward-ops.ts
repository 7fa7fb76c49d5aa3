import type { GraphNode, PoolAttrs } from '@branchscope/core';
import { pooledLength } from '@branchscope/runtime';
import { batchShape, unsupported, type GradientContext } from './gradient-context';

/** Per-channel constant dims for a node's rank: [1, C, 1, 1] for maps, [1, C] for features. */
export function channelDims(ctx: GradientContext, node: string, length: number): number[] {
  const rank = ctx.shapes.get(node)!.length;
  return rank === 3 ? [1, length, 1, 1] : [1, length];
}

/** Extra trailing padding a window needs so 'valid' windows give the ONNX (ceil mode) output size, per axis. */
export function poolOverhang(h: number, w: number, p: PoolAttrs): [number, number] {
  const axis = (length: number, k: number, s: number, before: number, after: number): number => {
    const out = pooledLength(length, k, s, before, after, p.ceilMode);
    return Math.max(0, (out - 1) * s + k - (length + before + after));
  };
  return [axis(h, p.kernel[0], p.strides[0], p.pads[0], p.pads[2]), axis(w, p.kernel[1], p.strides[1], p.pads[1], p.pads[3])];
}

/**
 * The number of pixels each average-pool window averages, [oh, ow]: the real pixels it covers, plus the
 * declared pads with count_include_pad (a ceil-mode overhang never counts), as the executor and PyTorch do.
 */
export function avgPoolCounts(h: number, w: number, p: PoolAttrs, oh: number, ow: number): Float32Array {
  const out = new Float32Array(oh * ow);
  const [top, left, bottom, right] = p.pads;
  const [lo0, hi0, lo1, hi1] = p.countIncludePad ? [-top, h + bottom, -left, w + right] : [0, h, 0, w];
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const y0 = y * p.strides[0] - top;
      const x0 = x * p.strides[1] - left;
      const rows = Math.min(hi0, y0 + p.kernel[0]) - Math.max(lo0, y0);
      const cols = Math.min(hi1, x0 + p.kernel[1]) - Math.max(lo1, x0);
      out[y * ow + x] = rows * cols;
    }
  }
  return out;
}

const ints = (v: number[]) => ({ ints: v });

function conv(ctx: GradientContext, node: GraphNode, x: string): string {
  const a = node.conv!;
  const inputs = [x, ctx.params.convWeight(node)];
  if (a.bias) inputs.push(ctx.params.convBias(node));
  return ctx.e.op('Conv', inputs, { kernel_shape: ints(a.kernel), strides: ints(a.strides), pads: ints(a.pads), dilations: ints(a.dilations), group: { i: a.group } }, node.name);
}

/** d^-beta; for AlexNet's and Inception's beta 0.75 (and 0.5) from square roots, which run far faster than Pow. */
function negativePower(ctx: GradientContext, d: string, beta: number, layer: string): string {
  const { e } = ctx;
  if (beta === 0.5) return e.op('Reciprocal', [e.op('Sqrt', [d])], {}, `${layer}/p`);
  if (beta === 0.75) {
    const root = e.op('Sqrt', [d]);
    return e.op('Reciprocal', [e.op('Mul', [root, e.op('Sqrt', [root])])], {}, `${layer}/p`);
  }
  return e.op('Pow', [d, e.floatConst([-beta])], {}, `${layer}/p`);
}

/**
 * LRN written out so its backward pass can reuse the denominator: the window sum of squares over channels is an
 * average pool over a [N, 1, C, H*W] view (count_include_pad, so it is sum / size), d = bias + alpha * that,
 * y = x * d^-beta.
 */
function lrn(ctx: GradientContext, node: GraphNode, x: string): string {
  const { e } = ctx;
  const a = node.lrn!;
  const [c, h, w] = ctx.shapes.get(node.name)!;
  const before = Math.floor((a.size - 1) / 2);
  const after = Math.ceil((a.size - 1) / 2);
  const squares = e.op('Reshape', [e.op('Mul', [x, x]), e.int64Const([0, 1, c!, h! * w!])]);
  const mean = e.op('AveragePool', [squares], { kernel_shape: ints([a.size, 1]), pads: ints([before, 0, after, 0]), count_include_pad: { i: 1 } });
  const d = e.op('Add', [e.op('Mul', [e.op('Reshape', [mean, batchShape(ctx, node.name)]), e.floatConst([a.alpha])]), e.floatConst([a.bias])], {}, `${node.name}/d`);
  const p = negativePower(ctx, d, a.beta, node.name);
  ctx.saved.set(node.name, { d, p });
  return e.op('Mul', [x, p], {}, node.name);
}

/** Declared pads plus any ceil-mode overhang, so a floor-mode window gives exactly the graph's output size. */
export function windowPads(ctx: GradientContext, node: GraphNode): number[] {
  const p = node.pool!;
  const [, h, w] = ctx.shapes.get(node.inputs[0]!)!;
  const [extraH, extraW] = poolOverhang(h!, w!, p);
  const pads = [p.pads[0], p.pads[1], p.pads[2] + extraH, p.pads[3] + extraW];
  if (pads.some((v, i) => v >= p.kernel[i % 2]!)) {
    throw new Error(`buildGradientModel: ${node.op} '${node.name}' pads [${pads.join(',')}] (ceil overhang included) reach its ${p.kernel.join('x')} window; onnxruntime refuses pads that large`);
  }
  return pads;
}

/** MaxPool with its argmax Indices (flat positions in the input, batch and channel included) for the backward pass. */
function maxpool(ctx: GradientContext, node: GraphNode, x: string): string {
  const p = node.pool!;
  const pads = windowPads(ctx, node);
  const [y, indices] = ctx.e.node('MaxPool', [x], { kernel_shape: ints(p.kernel), strides: ints(p.strides), pads: ints(pads) }, 2, node.name);
  ctx.saved.set(node.name, { indices: indices! });
  return y!;
}

/** Average pool as sum / count with exact counts: zero-pad (declared pads plus any ceil overhang), average, rescale. */
function avgpool(ctx: GradientContext, node: GraphNode, x: string): string {
  const { e } = ctx;
  const p = node.pool!;
  const [, h, w] = ctx.shapes.get(node.inputs[0]!)!;
  const [, oh, ow] = ctx.shapes.get(node.name)!;
  const mean = e.op('AveragePool', [x], { kernel_shape: ints(p.kernel), strides: ints(p.strides), pads: ints(windowPads(ctx, node)), count_include_pad: { i: 1 } }, node.name);
  const window = p.kernel[0] * p.kernel[1];
  const counts = avgPoolCounts(h!, w!, p, oh!, ow!);
  if (counts.every((c) => c === window)) return mean;
  const factor = Float32Array.from(counts, (c) => window / c);
  return e.op('Mul', [mean, e.floatConst(factor, [1, 1, oh!, ow!])], {}, node.name);
}

/** Batch norm with the batch's statistics (training): mean and biased variance over N, H, W, as training does. */
function batchnormTraining(ctx: GradientContext, node: GraphNode, x: string): string {
  const { e } = ctx;
  const { scale, bias, epsilon } = ctx.params.batchnormTrainable(node);
  const rank = ctx.shapes.get(node.name)!.length + 1;
  const axes = e.int64Const(rank === 4 ? [0, 2, 3] : [0]);
  const meanAxes = { ints: rank === 4 ? [0, 2, 3] : [0] };
  const dims = channelDims(ctx, node.name, node.channels);
  const mean = e.op('ReduceMean', [x], { axes: meanAxes, keepdims: { i: 1 } }, `${node.name}/mean`);
  const centred = e.op('Sub', [x, mean]);
  const variance = e.op('ReduceMean', [e.op('Mul', [centred, centred])], { axes: meanAxes, keepdims: { i: 1 } }, `${node.name}/variance`);
  const inv = e.op('Reciprocal', [e.op('Sqrt', [e.op('Add', [variance, e.floatConst([epsilon])])])]);
  const normalised = e.op('Mul', [centred, inv], {}, `${node.name}/xhat`);
  const shape = e.int64Const(dims);
  const scaleC = e.op('Reshape', [scale, shape]);
  ctx.saved.set(node.name, { inv, normalised, scale: scaleC });
  const flat = e.int64Const([node.channels]);
  ctx.extraOutputs.push({ name: `stats:${node.name}/mean`, value: e.op('Reshape', [mean, flat]), dims: [node.channels] });
  ctx.extraOutputs.push({ name: `stats:${node.name}/variance`, value: e.op('Reshape', [variance, flat]), dims: [node.channels] });
  return e.op('Add', [e.op('Mul', [normalised, scaleC]), e.op('Reshape', [bias, shape])], {}, node.name);
}

function batchnorm(ctx: GradientContext, node: GraphNode, x: string): string {
  if (ctx.training) return batchnormTraining(ctx, node, x);
  const { scale, shift } = ctx.params.batchnormFolded(node);
  const dims = channelDims(ctx, node.name, scale.length);
  const scaleC = ctx.e.floatConst(scale, dims);
  ctx.saved.set(node.name, { scale: scaleC });
  return ctx.e.op('Add', [ctx.e.op('Mul', [x, scaleC]), ctx.e.floatConst(shift, dims)], {}, node.name);
}

/** Evaluates one node forward; returns its ONNX value. Every op core's graph has is handled. */
export function emitForward(ctx: GradientContext, node: GraphNode, ins: string[]): string {
  const { e } = ctx;
  const x = ins[0]!;
  switch (node.op) {
    case 'conv':
      return conv(ctx, node, x);
    case 'relu':
      return e.op('Relu', [x], {}, node.name);
    case 'lrn':
      return lrn(ctx, node, x);
    case 'maxpool':
      return maxpool(ctx, node, x);
    case 'avgpool':
      return avgpool(ctx, node, x);
    case 'globalavgpool':
      return e.op('GlobalAveragePool', [x], {}, node.name);
    case 'concat':
      return e.op('Concat', ins, { axis: { i: node.axis ?? 1 } }, node.name);
    case 'add':
      return ins.length === 1 ? x : e.op('Sum', ins, {}, node.name);
    case 'batchnorm':
      return batchnorm(ctx, node, x);
    case 'dense': {
      const flat = ctx.shapes.get(node.inputs[0]!)!.length === 1 ? x : e.op('Flatten', [x], { axis: { i: 1 } });
      ctx.saved.set(node.name, { flat });
      return e.op('Gemm', [flat, ctx.params.denseWeight(node), ctx.params.denseBias(node)], { transB: { i: 1 } }, node.name);
    }
    case 'flatten':
      return ctx.shapes.get(node.inputs[0]!)!.length === 1 ? x : e.op('Flatten', [x], { axis: { i: 1 } }, node.name);
    case 'dropout': {
      if (!ctx.training) return x;
      const mask = e.input(`mask:${node.name}`, ['N', ...ctx.shapes.get(node.name)!]);
      ctx.extraInputs.push({ name: mask, node: node.name });
      ctx.saved.set(node.name, { mask });
      return e.op('Mul', [x, mask], {}, node.name);
    }
    case 'softmax':
      return e.op('Softmax', [x], { axis: { i: 1 } }, node.name);
    case 'clip':
      return e.op('Clip', [x, e.floatConst([node.clip!.min]), e.floatConst([node.clip!.max])], {}, node.name);
    case 'sigmoid':
      return e.op('Sigmoid', [x], {}, node.name);
    case 'hardsigmoid':
      return e.op('HardSigmoid', [x], { alpha: { f: node.hardSigmoid!.alpha }, beta: { f: node.hardSigmoid!.beta } }, node.name);
    case 'hardswish':
      return e.op('HardSwish', [x], {}, node.name);
    case 'silu': {
      const s = e.op('Sigmoid', [x], {}, `${node.name}/sigmoid`);
      ctx.saved.set(node.name, { s });
      return e.op('Mul', [x, s], {}, node.name);
    }
    case 'mul':
      return e.op('Mul', [x, ins[1]!], {}, node.name);
    case 'affine': {
      const { scale, shift } = node.affine!;
      const scaleC = e.floatConst(scale, channelDims(ctx, node.name, scale.length));
      ctx.saved.set(node.name, { scale: scaleC });
      return e.op('Add', [e.op('Mul', [x, scaleC]), e.floatConst(shift, channelDims(ctx, node.name, shift.length))], {}, node.name);
    }
    case 'select':
      return e.op('Gather', [x, e.int64Const(node.select!)], { axis: { i: 1 } }, node.name);
    case 'input':
      throw unsupported(node, 'a second input');
  }
}
