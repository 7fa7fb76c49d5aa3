import type { GraphNode } from '@branchscope/core';
import { avgPoolCounts, windowPads } from './forward-ops';
import { batchShape, unsupported, type GradientContext } from './gradient-context';
import { FLOAT } from './onnx-emitter';

const ints = (v: number[]) => ({ ints: v });

/**
 * Pads and output padding of a ConvTranspose that maps a window op's output gradient back onto its input of
 * `size` pixels along one axis: the windows span L = stride * (out - 1) + extent pixels from `padBefore` pixels
 * before the input; what lies past the input is cropped (end pad), input pixels no window reached get zeros
 * (output_padding, always below the stride).
 */
function transposeAxis(size: number, out: number, extent: number, stride: number, padBefore: number): { begin: number; end: number; outputPadding: number } {
  const end = stride * (out - 1) + extent - padBefore - size;
  return end >= 0 ? { begin: padBefore, end, outputPadding: 0 } : { begin: padBefore, end: 0, outputPadding: -end };
}

function transposeAttrs(ctx: GradientContext, node: GraphNode, kernel: [number, number], strides: [number, number], dilations: [number, number], padsBefore: number[]) {
  const [, h, w] = ctx.shapes.get(node.inputs[0]!)!;
  const [, oh, ow] = ctx.shapes.get(node.name)!;
  const y = transposeAxis(h!, oh!, (kernel[0] - 1) * dilations[0] + 1, strides[0], padsBefore[0]!);
  const x = transposeAxis(w!, ow!, (kernel[1] - 1) * dilations[1] + 1, strides[1], padsBefore[1]!);
  return {
    kernel_shape: ints(kernel),
    strides: ints(strides),
    dilations: ints(dilations),
    pads: ints([y.begin, x.begin, y.end, x.end]),
    output_padding: ints([y.outputPadding, x.outputPadding]),
  };
}

/**
 * A stride-1 convolution's input gradient as a Conv (onnxruntime runs those faster than the ConvTranspose that
 * computes the same sums: about twice as fast for depthwise ones): the kernels flipped and each group's
 * [O/group, I/group] block transposed, [O, I/group, kh, kw] becoming [I, O/group, kh, kw], pads mirrored.
 * Undefined where the mirrored pads would be negative.
 */
function stride1InputGrad(ctx: GradientContext, node: GraphNode, g: string): string | undefined {
  const { e } = ctx;
  const a = node.conv!;
  const [cin, h, w] = ctx.shapes.get(node.inputs[0]!)!;
  const [, oh, ow] = ctx.shapes.get(node.name)!;
  const pads: number[] = [];
  for (const [axis, size, out] of [[0, h!, oh!], [1, w!, ow!]] as const) {
    const extent = (a.kernel[axis] - 1) * a.dilations[axis] + 1;
    const begin = extent - 1 - a.pads[axis];
    pads[axis] = begin;
    pads[axis + 2] = size - out + extent - 1 - begin;
  }
  if (pads.some((p) => p < 0)) return undefined;
  const [kh, kw] = a.kernel;
  const groups = a.group;
  const perIn = cin! / groups;
  const perOut = node.channels / groups;
  const flipped = e.op('Slice', [ctx.params.convWeight(node), e.int64Const([-1, -1]), e.int64Const([-kh - 1, -kw - 1]), e.int64Const([2, 3]), e.int64Const([-1, -1])]);
  // Depthwise (one input channel per group): [C * m, 1, kh, kw] already reads as [C, m, kh, kw].
  const blocks = perIn === 1 ? flipped : e.op('Transpose', [e.op('Reshape', [flipped, e.int64Const([groups, perOut, perIn, kh, kw])])], { perm: ints([0, 2, 1, 3, 4]) });
  const weights = e.op('Reshape', [blocks, e.int64Const([cin!, perOut, kh, kw])]);
  return e.op('Conv', [g, weights], { kernel_shape: ints(a.kernel), dilations: ints(a.dilations), pads: ints(pads), group: { i: groups } }, `${node.name}/dx`);
}

/** A convolution's input gradient: a flipped-kernel Conv at stride 1, else ConvTranspose with the forward weights as they are (OIHW is its [C, M/group, kh, kw]). */
function convInputGrad(ctx: GradientContext, node: GraphNode, g: string): string {
  const a = node.conv!;
  if (a.strides[0] === 1 && a.strides[1] === 1) {
    const viaConv = stride1InputGrad(ctx, node, g);
    if (viaConv) return viaConv;
  }
  return ctx.e.op('ConvTranspose', [g, ctx.params.convWeight(node)], { ...transposeAttrs(ctx, node, a.kernel, a.strides, a.dilations, a.pads), group: { i: a.group } }, `${node.name}/dx`);
}

/**
 * A convolution's weight gradient as one matrix product per group (im2col): the padded input, as
 * [group, I/group, N, H', W'], is sliced once per kernel tap at the forward stride (starting at the tap times the
 * dilation) and the slices stacked into columns [group, kh·kw·I/group, N·oh·ow]; times the output gradient as
 * [group, N·oh·ow, O/group] that sums over the batch and every output pixel at once, giving
 * [group, kh, kw, I/group, O/group], read back as OIHW. onnxruntime runs this as one large matrix product per group
 * on every core, where a convolution over transposed tensors (the previous form) ran as many small ones: the small
 * 2-branch AlexNet trained at 520 images/s against 430 (batch 32, 2 threads, bench/training.ts).
 */
function convWeightGrad(ctx: GradientContext, node: GraphNode, x: string, g: string): string {
  const { e } = ctx;
  const a = node.conv!;
  const [cin, h, w] = ctx.shapes.get(node.inputs[0]!)!;
  const [out, oh, ow] = ctx.shapes.get(node.name)!;
  const groups = a.group;
  const perIn = cin! / groups;
  const perOut = out! / groups;
  const [kh, kw] = a.kernel;
  // Rows and columns each tap's slice spans, and the end pads that keep every slice inside the padded input.
  const span = (k: number, o: number, axis: 0 | 1) => (k - 1) * a.dilations[axis] + a.strides[axis] * (o - 1) + 1;
  const endH = Math.max(0, span(kh, oh!, 0) - a.pads[0] - h!);
  const endW = Math.max(0, span(kw, ow!, 1) - a.pads[1] - w!);
  const padded = a.pads[0] || a.pads[1] || endH || endW ? e.op('Pad', [x, e.int64Const([0, 0, a.pads[0], a.pads[1], 0, 0, endH, endW])]) : x;
  const [hp, wp] = [h! + a.pads[0] + endH, w! + a.pads[1] + endW];
  const grouped = e.op('Transpose', [e.op('Reshape', [padded, e.int64Const([0, groups, perIn, hp, wp])])], { perm: ints([1, 2, 0, 3, 4]) });
  const taps: string[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const starts = [i * a.dilations[0], j * a.dilations[1]];
      const ends = [starts[0]! + a.strides[0] * (oh! - 1) + 1, starts[1]! + a.strides[1] * (ow! - 1) + 1];
      taps.push(e.op('Slice', [grouped, e.int64Const(starts), e.int64Const(ends), e.int64Const([3, 4]), e.int64Const(a.strides)]));
    }
  }
  const stacked = taps.length === 1 ? taps[0]! : e.op('Concat', taps, { axis: { i: 1 } });
  const columns = e.op('Reshape', [stacked, e.int64Const([groups, kh * kw * perIn, -1])]);
  const rows = e.op('Reshape', [e.op('Transpose', [e.op('Reshape', [g, e.int64Const([0, groups, perOut, oh!, ow!])])], { perm: ints([1, 0, 3, 4, 2]) }), e.int64Const([groups, -1, perOut])]);
  const product = e.op('Reshape', [e.op('MatMul', [columns, rows]), e.int64Const([groups, kh, kw, perIn, perOut])]);
  const oihw = e.op('Transpose', [product], { perm: ints([0, 4, 3, 1, 2]) });
  return e.op('Reshape', [oihw, e.int64Const([out!, perIn, kh, kw])], {}, `grad:${node.name}/weight`);
}

/**
 * ReLU's gradient: g where x > 0, as g times the 0/1 float of the mask (onnxruntime runs Mul and Cast faster than
 * Where: in InceptionV1's feature-vis step to mixed3b, batch 8, one thread, Where took 29-33 ms per run, the Mul and
 * Cast 18-20 ms). Without redirect the mask reads the ReLU's output (y > 0), not its input, so no backward op holds
 * the pre-activation and onnxruntime fuses each Conv with its Relu (in the same step: 250 ms per run to 216 ms by
 * its profiler). With a `redirect` input, one mask selects between that and Lucid's redirected gradient (see
 * redirected-relu.ts: g where x >= 0; in an image whose true gradient is zero everywhere, also where x < 0 unless
 * g > 0), so either way the backward pass ends in a single masked product, the rest being boolean ops.
 */
function reluGrad(ctx: GradientContext, node: GraphNode, x: string, y: string, g: string): string {
  const { e } = ctx;
  const zero = e.floatConst([0]);
  const masked = (keep: string): string => e.op('Mul', [g, e.op('Cast', [keep], { to: { i: FLOAT } })], {}, `${node.name}/dx`);
  // y > 0 exactly where x > 0; reading y leaves x to onnxruntime's Conv + Relu fusion.
  if (!ctx.redirect) return masked(e.op('Greater', [y, zero]));
  const negative = e.op('Less', [x, zero]);
  const passed = e.op('Where', [negative, zero, g]);
  const magnitude = e.op('ReduceSum', [e.op('Abs', [e.op('Flatten', [passed], { axis: { i: 1 } })]), e.int64Const([1])], { keepdims: { i: 1 } });
  const dead = e.op('Reshape', [e.op('Equal', [magnitude, zero]), e.int64Const([-1, ...ctx.shapes.get(node.name)!.map(() => 1)])]);
  // Lucid kills: x < 0, except, in a dead image, where g <= 0 (which would push x up).
  const lucidKills = e.op('And', [negative, e.op('Or', [e.op('Not', [dead]), e.op('Greater', [g, zero])])]);
  const on = e.op('Cast', [e.op('Greater', [ctx.redirect, zero])], { to: { i: 9 } });
  const kills = e.op('Or', [e.op('And', [on, lucidKills]), e.op('And', [e.op('Not', [on]), e.op('LessOrEqual', [x, zero])])]);
  return masked(e.op('Not', [kills]));
}

function lrnGrad(ctx: GradientContext, node: GraphNode, x: string, g: string): string {
  const { e } = ctx;
  const a = node.lrn!;
  const { d, p } = ctx.saved.get(node.name)!;
  const [c, h, w] = ctx.shapes.get(node.name)!;
  const before = Math.floor((a.size - 1) / 2);
  const after = Math.ceil((a.size - 1) / 2);
  // dx_j = g_j p_j - 2 beta alpha x_j * mean over the channels c whose window holds j of (g_c x_c p_c / d_c).
  const t = e.op('Mul', [e.op('Mul', [g, x]), e.op('Div', [p!, d!])]);
  const view = e.op('Reshape', [t, e.int64Const([0, 1, c!, h! * w!])]);
  const mean = e.op('AveragePool', [view], { kernel_shape: ints([a.size, 1]), pads: ints([after, 0, before, 0]), count_include_pad: { i: 1 } });
  const spread = e.op('Mul', [e.op('Reshape', [mean, batchShape(ctx, node.name)]), x]);
  return e.op('Sub', [e.op('Mul', [g, p!]), e.op('Mul', [spread, e.floatConst([2 * a.beta * a.alpha])])], {}, `${node.name}/dx`);
}

/** Max pool's gradient: each output's gradient added at its argmax (MaxPool's Indices: the first maximum in row-major window order, as PyTorch). */
function maxpoolGrad(ctx: GradientContext, node: GraphNode, x: string, g: string): string {
  const { e } = ctx;
  const { indices } = ctx.saved.get(node.name)!;
  const flat = e.int64Const([-1]);
  const shape = e.op('Shape', [x]);
  const zeros = e.op('ConstantOfShape', [e.op('ReduceProd', [shape], { keepdims: { i: 1 } })]);
  const scattered = e.op('ScatterElements', [zeros, e.op('Reshape', [indices!, flat]), e.op('Reshape', [g, flat])], { axis: { i: 0 }, reduction: { s: 'add' } });
  return e.op('Reshape', [scattered, shape], {}, `${node.name}/dx`);
}

/** Average pool's gradient: g / count spread over each window by a depthwise ConvTranspose with a kernel of ones. */
function avgpoolGrad(ctx: GradientContext, node: GraphNode, g: string): string {
  const { e } = ctx;
  const p = node.pool!;
  const [c, h, w] = ctx.shapes.get(node.inputs[0]!)!;
  const [, oh, ow] = ctx.shapes.get(node.name)!;
  const counts = avgPoolCounts(h!, w!, p, oh!, ow!);
  const window = p.kernel[0] * p.kernel[1];
  const scaled = counts.every((n) => n === window)
    ? e.op('Mul', [g, e.floatConst([1 / window])])
    : e.op('Mul', [g, e.floatConst(Float32Array.from(counts, (n) => 1 / n), [1, 1, oh!, ow!])]);
  const ones = e.floatConst(new Float32Array(c! * window).fill(1), [c!, 1, p.kernel[0], p.kernel[1]]);
  const pads = windowPads(ctx, node);
  return e.op('ConvTranspose', [scaled, ones], { ...transposeAttrs(ctx, node, p.kernel, p.strides, [1, 1], pads), group: { i: c! } }, `${node.name}/dx`);
}

function batchnormGrad(ctx: GradientContext, node: GraphNode, g: string, wantInput: boolean): string | undefined {
  const { e } = ctx;
  const saved = ctx.saved.get(node.name)!;
  if (!ctx.training) return wantInput ? e.op('Mul', [g, saved.scale!], {}, `${node.name}/dx`) : undefined;
  const rank = ctx.shapes.get(node.name)!.length + 1;
  const axes = e.int64Const(rank === 4 ? [0, 2, 3] : [0]);
  const meanAxes = { ints: rank === 4 ? [0, 2, 3] : [0] };
  const { inv, normalised, scale } = saved;
  if (ctx.weightGradients) {
    ctx.paramGrads.set(`${node.name}/scale`, e.op('ReduceSum', [e.op('Mul', [g, normalised!]), axes], { keepdims: { i: 0 } }));
    ctx.paramGrads.set(`${node.name}/bias`, e.op('ReduceSum', [g, axes], { keepdims: { i: 0 } }));
  }
  if (!wantInput) return undefined;
  const dNormalised = e.op('Mul', [g, scale!]);
  const m1 = e.op('ReduceMean', [dNormalised], { axes: meanAxes, keepdims: { i: 1 } });
  const m2 = e.op('ReduceMean', [e.op('Mul', [dNormalised, normalised!])], { axes: meanAxes, keepdims: { i: 1 } });
  return e.op('Mul', [inv!, e.op('Sub', [e.op('Sub', [dNormalised, m1]), e.op('Mul', [normalised!, m2])])], {}, `${node.name}/dx`);
}

function denseGrad(ctx: GradientContext, node: GraphNode, g: string, wantInput: boolean): string | undefined {
  const { e } = ctx;
  if (ctx.weightGradients) {
    ctx.paramGrads.set(`${node.name}/weight`, e.op('Gemm', [g, ctx.saved.get(node.name)!.flat!], { transA: { i: 1 } }));
    ctx.paramGrads.set(`${node.name}/bias`, e.op('ReduceSum', [g, e.int64Const([0])], { keepdims: { i: 0 } }));
  }
  if (!wantInput) return undefined;
  const dflat = e.op('MatMul', [g, ctx.params.denseWeight(node)]);
  return ctx.shapes.get(node.inputs[0]!)!.length === 1 ? dflat : e.op('Reshape', [dflat, batchShape(ctx, node.inputs[0]!)], {}, `${node.name}/dx`);
}

/** Input gradient of a channel gather: zero padding for a contiguous slice, else a 1x1 conv (or matmul) with a 0/1 matrix. */
function selectGrad(ctx: GradientContext, node: GraphNode, g: string): string {
  const { e } = ctx;
  const select = node.select!;
  const inShape = ctx.shapes.get(node.inputs[0]!)!;
  const cin = inShape[0]!;
  const rank = inShape.length + 1;
  const contiguous = select.every((c, i) => c === select[0]! + i);
  if (contiguous) {
    const pads = new Array<number>(2 * rank).fill(0);
    pads[1] = select[0]!;
    pads[rank + 1] = cin - select[0]! - select.length;
    return e.op('Pad', [g, e.int64Const(pads)], {}, `${node.name}/dx`);
  }
  const matrix = new Float32Array(cin * select.length);
  if (rank === 4) {
    select.forEach((c, i) => (matrix[c * select.length + i] = 1)); // [Cin, Cout, 1, 1]
    return e.op('Conv', [g, e.floatConst(matrix, [cin, select.length, 1, 1])], {}, `${node.name}/dx`);
  }
  select.forEach((c, i) => (matrix[i * cin + c] = 1)); // [Cout, Cin]
  return e.op('MatMul', [g, e.floatConst(matrix, [select.length, cin])], {}, `${node.name}/dx`);
}

/** Sums `value` over the axes where `shape` (one sample) is 1 and `full` is not, keeping them: a broadcast's gradient. */
function unbroadcast(ctx: GradientContext, value: string, shape: number[], full: number[]): string {
  const axes = shape.flatMap((d, i) => (d === 1 && full[i] !== 1 ? [i + 1] : []));
  return axes.length === 0 ? value : ctx.e.op('ReduceSum', [value, ctx.e.int64Const(axes)], { keepdims: { i: 1 } });
}

function inRange(ctx: GradientContext, t: string, lo: number, hi: number): string {
  const { e } = ctx;
  return e.op('And', [e.op('GreaterOrEqual', [t, e.floatConst([lo])]), e.op('LessOrEqual', [t, e.floatConst([hi])])]);
}

/**
 * Emits the backward rule of one node: given g = dLoss/d(node's output), the gradient for each of its inputs
 * (undefined where `wanted[i]` is false) and, for parameters, entries in `ctx.paramGrads`.
 */
export function emitBackward(ctx: GradientContext, node: GraphNode, ins: string[], y: string, g: string, wanted: boolean[]): Array<string | undefined> {
  const { e } = ctx;
  const x = ins[0]!;
  const zero = e.floatConst([0]);
  const one = (v: string | undefined): Array<string | undefined> => [wanted[0] ? v : undefined];
  switch (node.op) {
    case 'conv': {
      if (ctx.weightGradients) {
        ctx.paramGrads.set(`${node.name}/weight`, convWeightGrad(ctx, node, x, g));
        if (node.conv!.bias) ctx.paramGrads.set(`${node.name}/bias`, e.op('ReduceSum', [g, e.int64Const([0, 2, 3])], { keepdims: { i: 0 } }));
      }
      return one(wanted[0] ? convInputGrad(ctx, node, g) : undefined);
    }
    case 'dense':
      return one(denseGrad(ctx, node, g, wanted[0]!));
    case 'batchnorm':
      return one(batchnormGrad(ctx, node, g, wanted[0]!));
  }
  if (!wanted.some(Boolean)) return wanted.map(() => undefined);
  switch (node.op) {
    case 'relu':
      return one(reluGrad(ctx, node, x, y, g));
    case 'lrn':
      return one(lrnGrad(ctx, node, x, g));
    case 'maxpool':
      return one(maxpoolGrad(ctx, node, x, g));
    case 'avgpool':
      return one(avgpoolGrad(ctx, node, g));
    case 'globalavgpool': {
      const [, h, w] = ctx.shapes.get(node.inputs[0]!)!;
      return one(e.op('Mul', [g, e.floatConst(new Float32Array(h! * w!).fill(1 / (h! * w!)), [1, 1, h!, w!])], {}, `${node.name}/dx`));
    }
    case 'concat': {
      const axis = node.axis ?? 1;
      const sizes = node.inputs.map((i) => ctx.shapes.get(i)![axis - 1]!);
      return e.node('Split', [g, e.int64Const(sizes)], { axis: { i: axis } }, node.inputs.length, `${node.name}/dx`);
    }
    case 'add':
      return node.inputs.map((_, i) => (wanted[i] ? g : undefined));
    case 'flatten':
      return one(ctx.shapes.get(node.inputs[0]!)!.length === 1 ? g : e.op('Reshape', [g, batchShape(ctx, node.inputs[0]!)], {}, `${node.name}/dx`));
    case 'dropout':
      return one(ctx.training ? e.op('Mul', [g, ctx.saved.get(node.name)!.mask!]) : g);
    case 'softmax': {
      const dot = e.op('ReduceSum', [e.op('Mul', [g, y]), e.int64Const([1])], { keepdims: { i: 1 } });
      return one(e.op('Mul', [y, e.op('Sub', [g, dot])], {}, `${node.name}/dx`));
    }
    case 'clip':
      return one(e.op('Where', [inRange(ctx, x, node.clip!.min, node.clip!.max), g, zero], {}, `${node.name}/dx`));
    case 'sigmoid':
      return one(e.op('Mul', [g, e.op('Mul', [y, e.op('Sub', [e.floatConst([1]), y])])], {}, `${node.name}/dx`));
    case 'hardsigmoid': {
      const { alpha, beta } = node.hardSigmoid!;
      const t = e.op('Add', [e.op('Mul', [x, e.floatConst([alpha])]), e.floatConst([beta])]);
      return one(e.op('Where', [inRange(ctx, t, 0, 1), e.op('Mul', [g, e.floatConst([alpha])]), zero], {}, `${node.name}/dx`));
    }
    case 'hardswish': {
      const t = e.op('Add', [e.op('Mul', [x, e.floatConst([1 / 6])]), e.floatConst([0.5])]);
      const hs = e.op('HardSigmoid', [x], { alpha: { f: 1 / 6 }, beta: { f: 0.5 } });
      const slope = e.op('Where', [inRange(ctx, t, 0, 1), e.op('Mul', [x, e.floatConst([1 / 6])]), zero]);
      return one(e.op('Mul', [g, e.op('Add', [hs, slope])], {}, `${node.name}/dx`));
    }
    case 'silu': {
      const { s } = ctx.saved.get(node.name)!;
      const inner = e.op('Add', [e.floatConst([1]), e.op('Mul', [x, e.op('Sub', [e.floatConst([1]), s!])])]);
      return one(e.op('Mul', [e.op('Mul', [g, s!]), inner], {}, `${node.name}/dx`));
    }
    case 'mul': {
      const gate = ins[1]!;
      const stream = ctx.shapes.get(node.inputs[0]!)!;
      const gateShape = ctx.shapes.get(node.inputs[1]!)!;
      return [
        wanted[0] ? e.op('Mul', [g, gate], {}, `${node.name}/dx`) : undefined,
        wanted[1] ? unbroadcast(ctx, e.op('Mul', [g, x]), gateShape, stream) : undefined,
      ];
    }
    case 'affine':
      return one(e.op('Mul', [g, ctx.saved.get(node.name)!.scale!], {}, `${node.name}/dx`));
    case 'select':
      return one(selectGrad(ctx, node, g));
    case 'input':
      throw unsupported(node, 'a gradient');
  }
  throw unsupported(node, 'a gradient');
}

