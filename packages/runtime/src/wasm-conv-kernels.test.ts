import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import './gradients';
import { applyConv, type ConvParams } from './executor/conv';
import { convAttrs, maxAbsDiff, seededArray } from './testing/test-helpers';
import { useBackend } from './testing/use-backend';
import { registerWasmTrainingKernels } from './wasm-conv-kernels';

type Pad = 'valid' | 'same' | [[0, 0], [number, number], [number, number], [0, 0]];
interface Case {
  kernel: number;
  stride: number;
  pad: Pad;
}

const N = 2;
const H = 13;
const W = 14;
const CI = 3;
const CO = 4;

/** dL/dx and dL/dW of L = Σ conv2d(x, w) · dy on the active backend, as plain arrays. */
function convGrads({ kernel, stride, pad }: Case): { dx: Float32Array; dw: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor4d(seededArray(N * H * W * CI, 'x'), [N, H, W, CI]);
    const w = tf.tensor4d(seededArray(kernel * kernel * CI * CO, `w${kernel}`), [kernel, kernel, CI, CO]);
    const outShape = tf.conv2d(x, w, stride, pad).shape;
    const dy = tf.tensor4d(seededArray(outShape.reduce((a, b) => a * b, 1), 'dy'), outShape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), dy)))([x, w]);
    return { dx: dx.dataSync() as Float32Array, dw: dw.dataSync() as Float32Array };
  });
}

const explicit: Pad = [[0, 0], [1, 2], [0, 3], [0, 0]];
const cases: Case[] = [1, 3, 5, 11].flatMap((kernel) =>
  [1, 2, 4].flatMap((stride) => (['valid', 'same', explicit] as Pad[]).map((pad) => ({ kernel, stride, pad }))),
);
const label = (c: Case): string => `${c.kernel}x${c.kernel} stride ${c.stride} pad ${JSON.stringify(c.pad)}`;

/** Gradients of every case on the pure-JS cpu backend, the reference. */
let reference: Map<Case, { dx: Float32Array; dw: Float32Array }>;

beforeAll(async () => {
  registerWasmTrainingKernels();
  await useBackend('cpu');
  reference = new Map(cases.map((c) => [c, convGrads(c)]));
  await useBackend('wasm');
});

describe('wasm conv gradient kernels', () => {
  it('registers a Conv2DBackpropFilter kernel for wasm', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('matches the cpu backend weight gradient within 1e-4 for kernels 1-11, strides 1-4, valid/same/explicit pads', () => {
    const worst = cases.map((c) => [label(c), maxAbsDiff(convGrads(c).dw, reference.get(c)!.dw)] as const);
    expect(worst.filter(([, d]) => !(d < 1e-4))).toEqual([]);
  });

  it('matches the cpu backend input gradient within 1e-4 for the same cases with the fast kernel installed', () => {
    const worst = cases.map((c) => [label(c), maxAbsDiff(convGrads(c).dx, reference.get(c)!.dx)] as const);
    expect(worst.filter(([, d]) => !(d < 1e-4))).toEqual([]);
  });

  it('restores the stock input gradient kernel when asked, keeps it on a call without options, with the same results within 1e-4', () => {
    registerWasmTrainingKernels({ fastBackpropInput: false });
    try {
      registerWasmTrainingKernels();
      expect(tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc.name).toBe('conv2DBackpropInput');
      const c = cases.find((k) => k.kernel === 5 && k.stride === 1 && k.pad === 'same')!;
      expect(maxAbsDiff(convGrads(c).dx, reference.get(c)!.dx)).toBeLessThan(1e-4);
    } finally {
      registerWasmTrainingKernels({ fastBackpropInput: true });
    }
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc.name).toBe('conv2dBackpropInput');
  });

  it('differentiates a group-2 conv through the executor split path like the cpu backend within 1e-4', async () => {
    const attrs = convAttrs({ kernel: [5, 5], strides: [2, 2], pads: [2, 1, 2, 1], group: 2 });
    const grads = (): Float32Array[] =>
      tf.tidy(() => {
        const x = tf.tensor4d(seededArray(2 * 11 * 11 * 4, 'gx'), [2, 11, 11, 4]);
        const filters = [0, 1].map((g) => tf.tensor4d(seededArray(5 * 5 * 2 * 3, `gf${g}`), [5, 5, 2, 3]));
        const f = (a: tf.Tensor, f0: tf.Tensor, f1: tf.Tensor): tf.Scalar => {
          const p: ConvParams = { mode: 'grouped', filters: [f0 as tf.Tensor4D, f1 as tf.Tensor4D], bias: null };
          const y = applyConv('grouped', a as tf.Tensor4D, attrs, p);
          return tf.sum(tf.mul(y, tf.sin(tf.range(0, y.size).reshape(y.shape))));
        };
        return tf.grads(f)([x, ...filters]).map((g) => g.dataSync() as Float32Array);
      });
    const onWasm = grads();
    await useBackend('cpu');
    const onCpu = grads();
    await useBackend('wasm');
    for (let i = 0; i < 3; i++) expect(maxAbsDiff(onWasm[i], onCpu[i])).toBeLessThan(1e-4);
  });

  it('leaves no tensor or wasm buffer behind', () => {
    const c = cases.find((k) => k.kernel === 3 && k.stride === 2 && k.pad === explicit)!;
    convGrads(c);
    const before = { tensors: tf.memory().numTensors, buffers: tf.engine().backend.numDataIds() };
    convGrads(c);
    expect({ tensors: tf.memory().numTensors, buffers: tf.engine().backend.numDataIds() }).toEqual(before);
  });
});
