import * as tf from '@tensorflow/tfjs-core';

type Info = tf.TensorInfo;
type Attrs = Record<string, unknown>;
interface KernelArgs {
  inputs: Record<string, Info>;
  attrs: Attrs;
  backend: tf.KernelBackend;
}
type ConvShape = [number, number, number, number];

/** Runs another wasm kernel on TensorInfos: kernels compose below the engine, so nothing is taped or tracked. */
function run(name: string, inputs: Record<string, Info>, attrs: Attrs, backend: KernelArgs['backend']): Info {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm training kernels: the wasm backend has no '${name}' kernel to build on`);
  return kernel.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend }) as Info;
}

const free = (backend: KernelArgs['backend'], ...infos: Info[]): void => {
  for (const info of infos) backend.disposeData(info.dataId);
};

/** The conv geometry (pads resolved to explicit numbers) that the forward conv used. */
function geometry(xShape: ConvShape, filterShape: ConvShape, attrs: Attrs, kernel: string) {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') {
    throw new Error(`${kernel} on wasm: only NHWC is supported, got dataFormat '${String(attrs.dataFormat)}'`);
  }
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides as [number, number],
    1,
    attrs.pad as 'same' | 'valid' | number | tf.backend_util.ExplicitPadding,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
  );
}

/**
 * dW[kh, kw, ci, co] = Σ_{n, oy, ox} x[n, oy·s + kh − top, ox·s + kw − left, ci] · dy[n, oy, ox, co].
 * Read with ci as the batch, n as the input channel and dy as a filter dilated by the stride, that is a
 * stride-1 convolution of xᵀ [Ci, H, W, N] with dyᵀ [OH, OW, N, Co], giving [Ci, KH, KW, Co]. Rows and
 * columns the forward conv never reached (stride overhang) are sliced off instead of padded.
 */
function conv2dBackpropFilter({ inputs, attrs, backend }: KernelArgs): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const filterShape = attrs.filterShape as ConvShape;
  const info = geometry(x.shape as ConvShape, filterShape, attrs, 'Conv2DBackpropFilter');
  const { inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
  const [kh, kw] = filterShape;
  const { top, left } = info.padInfo;
  const bottom = kh + (oh - 1) * sh - h - top;
  const right = kw + (ow - 1) * sw - w - left;

  const xt = run('Transpose', { x }, { perm: [3, 1, 2, 0] }, backend);
  let image = xt;
  if (bottom < 0 || right < 0) {
    const size = [xt.shape[0], h + Math.min(bottom, 0), w + Math.min(right, 0), xt.shape[3]];
    image = run('Slice', { x: xt }, { begin: [0, 0, 0, 0], size }, backend);
    free(backend, xt);
  }
  const filter = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, backend);
  const pad = [[0, 0], [top, Math.max(bottom, 0)], [left, Math.max(right, 0)], [0, 0]];
  const conv = run('Conv2D', { x: image, filter }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [sh, sw] }, backend);
  free(backend, image, filter);
  const dw = run('Transpose', { x: conv }, { perm: [1, 2, 0, 3] }, backend);
  free(backend, conv);
  return dw;
}

let stockBackpropInput: tf.KernelConfig | undefined;

/**
 * dx = conv(D, W rotated 180° with in/out channels swapped), where D is dy with (stride − 1) zeros after
 * every row and column, padded by (k − 1 − pad) on the leading side (cropped where that is negative): one
 * XNNPACK convolution instead of the stock kernel's scalar loop (6-11x faster at stride 1, about 2x at
 * stride 2). Strides above 2, where multiplying the inserted zeros costs more than it saves, and NCHW go to
 * the stock kernel.
 */
function conv2dBackpropInput(args: KernelArgs): Info {
  const { inputs, attrs, backend } = args;
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') return stockBackpropInput!.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0]) as Info;
  const { dy, filter } = inputs as { dy: Info; filter: Info };
  const info = geometry(attrs.inputShape as ConvShape, filter.shape as ConvShape, attrs, 'Conv2DBackpropInput');
  const [kh, kw] = filter.shape;
  const [n, oh, ow, channels] = dy.shape;
  const { strideHeight: sh, strideWidth: sw } = info;
  // Zero insertion costs stride² in multiplications: past stride 2 the stock loop wins (bench/training.ts).
  if (sh > 2 || sw > 2) return stockBackpropInput!.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0]) as Info;
  const owned: Info[] = [];
  let spread = dy;
  if (sh > 1 || sw > 1) {
    const lifted = run('Reshape', { x: dy }, { shape: [n, oh, 1, ow, 1, channels] }, backend);
    const padded = run('PadV2', { x: lifted }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 }, backend);
    spread = run('Reshape', { x: padded }, { shape: [n, oh * sh, ow * sw, channels] }, backend);
    free(backend, lifted, padded);
    owned.push(spread);
  }
  const [lh, lw] = [oh * sh, ow * sw];
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  const bottom = info.inHeight + kh - 1 - top - lh;
  const right = info.inWidth + kw - 1 - left - lw;
  if (Math.min(top, left, bottom, right) < 0) {
    const [cutTop, cutLeft] = [Math.max(-top, 0), Math.max(-left, 0)];
    const size = [n, lh - cutTop - Math.max(-bottom, 0), lw - cutLeft - Math.max(-right, 0), channels];
    spread = run('Slice', { x: spread }, { begin: [0, cutTop, cutLeft, 0], size }, backend);
    owned.push(spread);
  }
  const flipped = run('Reverse', { x: filter }, { dims: [0, 1] }, backend);
  const swapped = run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }, backend);
  const pad = [[0, 0], [Math.max(top, 0), Math.max(bottom, 0)], [Math.max(left, 0), Math.max(right, 0)], [0, 0]];
  const dx = run('Conv2D', { x: spread, filter: swapped }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] }, backend);
  free(backend, flipped, swapped, ...owned);
  return dx;
}

let fastChoice: boolean | undefined;

export interface WasmTrainingKernelOptions {
  /**
   * Replace the stock `Conv2DBackpropInput` (a scalar loop) with a convolution for strides 1 and 2. Default:
   * what the last call chose, else true.
   */
  fastBackpropInput?: boolean;
}

/**
 * Registers the convolution gradient kernels that training needs on the wasm backend, which ships no
 * `Conv2DBackpropFilter` (and whose `Conv3DBackpropFilterV2` is wrong for strides above 1): the filter
 * gradient as a convolution of transposed tensors and, unless turned off, a faster input gradient.
 * Idempotent; safe to call before or after the wasm backend starts, from any module.
 */
export function registerWasmTrainingKernels(options: WasmTrainingKernelOptions = {}): void {
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc });
  }
  // A call without the option (train() makes one every run) keeps whatever an earlier call chose.
  const fast = options.fastBackpropInput ?? fastChoice ?? true;
  fastChoice = fast;
  const current = tf.getKernel('Conv2DBackpropInput', 'wasm');
  const installed = current?.kernelFunc === (conv2dBackpropInput as unknown as tf.KernelFunc);
  if (fast && !installed && current) {
    stockBackpropInput = current;
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    // Keep the stock setup: the backend runs it at start-up, and strides above 2 still call the stock kernel.
    tf.registerKernel({ ...current, kernelFunc: conv2dBackpropInput as unknown as tf.KernelFunc });
  } else if (!fast && installed && stockBackpropInput) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    tf.registerKernel(stockBackpropInput);
  }
}
