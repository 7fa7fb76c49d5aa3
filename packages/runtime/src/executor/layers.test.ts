import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { PoolAttrs } from '@branchscope/core';
import { fixedWeights, maxAbsDiff, referenceLrn, referencePool, runNchw, seededNchw, singleNodeGraph } from '../testing/test-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const none = fixedWeights({});

describe('lrn', () => {
  it('matches the ONNX formula by hand for one pixel: x / (bias + alpha/size * window sum of squares)^beta', () => {
    const graph = singleNodeGraph([3, 1, 1], { op: 'lrn', channels: 3, lrn: { size: 3, alpha: 0.3, beta: 0.75, bias: 2 } });
    const got = runNchw(graph, none, { shape: [1, 3, 1, 1], data: Float32Array.from([1, 2, 3]) });
    // Channel 0 sees channels 0-1, channel 1 sees 0-2, channel 2 sees 1-2.
    const want = [1 / (2 + 0.1 * 5) ** 0.75, 2 / (2 + 0.1 * 14) ** 0.75, 3 / (2 + 0.1 * 13) ** 0.75];
    expect(maxAbsDiff(got.data, want)).toBeLessThan(1e-6);
  });

  it('matches the ONNX reference for AlexNet parameters within 1e-5', () => {
    const attrs = { size: 5, alpha: 1e-4, beta: 0.75, bias: 1 };
    const x = seededNchw([2, 7, 3, 4], 'x');
    x.data.forEach((v, i) => (x.data[i] = v * 50));
    const got = runNchw(singleNodeGraph([7, 3, 4], { op: 'lrn', channels: 7, lrn: attrs }), none, x);
    expect(maxAbsDiff(got.data, referenceLrn(x, attrs).data)).toBeLessThan(1e-5);
  });

  it('uses the asymmetric ONNX window for an even size within 1e-5', () => {
    const attrs = { size: 4, alpha: 0.5, beta: 0.6, bias: 1 };
    const x = seededNchw([1, 6, 2, 2], 'x');
    const got = runNchw(singleNodeGraph([6, 2, 2], { op: 'lrn', channels: 6, lrn: attrs }), none, x);
    expect(maxAbsDiff(got.data, referenceLrn(x, attrs).data)).toBeLessThan(1e-5);
  });
});

describe('pooling', () => {
  const cases: Array<[string, PoolAttrs]> = [
    ['ceil mode', { kernel: [3, 3], strides: [2, 2], pads: [0, 0, 0, 0], ceilMode: true }],
    ['asymmetric pads', { kernel: [3, 2], strides: [2, 1], pads: [1, 0, 2, 1], ceilMode: false }],
    ['pads and ceil mode', { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], ceilMode: true }],
  ];
  for (const [label, pool] of cases) {
    for (const kind of ['max', 'avg'] as const) {
      it(`matches the ONNX ${kind} pool reference with ${label} within 1e-6`, () => {
        const x = seededNchw([1, 2, 8, 7], 'x');
        const graph = singleNodeGraph([2, 8, 7], { op: kind === 'max' ? 'maxpool' : 'avgpool', channels: 2, pool });
        const got = runNchw(graph, none, x);
        const want = referencePool(x, pool, kind);
        expect(got.shape).toEqual(want.shape);
        expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-6);
      });
    }
  }

  it('averages each channel over the whole map for global average pooling', () => {
    const x = { shape: [1, 2, 2, 2] as [number, number, number, number], data: Float32Array.from([1, 2, 3, 4, 10, 20, 30, 40]) };
    const got = runNchw(singleNodeGraph([2, 2, 2], { op: 'globalavgpool', channels: 2 }), none, x);
    expect(got.shape).toEqual([1, 2, 1, 1]);
    expect(maxAbsDiff(got.data, [2.5, 25])).toBeLessThan(1e-6);
  });

  it('counts declared pads as zeros with countIncludePad, but not a ceil-mode overhang', () => {
    const x = { shape: [1, 1, 5, 5] as [number, number, number, number], data: new Float32Array(25).fill(1) };
    const pool: PoolAttrs = { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 0, 0], ceilMode: true, countIncludePad: true };
    const got = runNchw(singleNodeGraph([1, 5, 5], { op: 'avgpool', channels: 1, pool }), none, x);
    expect(got.shape).toEqual([1, 1, 3, 3]);
    // Corner: 4 pixels of 9 counted cells; top edge: 6 of 9; the last row and column overhang by one, which is not counted.
    expect(maxAbsDiff(got.data, [4 / 9, 6 / 9, 4 / 6, 6 / 9, 1, 1, 4 / 6, 1, 1])).toBeLessThan(1e-6);
  });
});

describe('element-wise, gates and channel selects', () => {
  const x = { shape: [1, 3, 1, 2] as [number, number, number, number], data: Float32Array.from([-4, 1, 2, 7, 0.5, -0.5]) };
  const run = (node: Parameters<typeof singleNodeGraph>[1]) => Array.from(runNchw(singleNodeGraph([3, 1, 2], node), none, x).data);

  it('clips, and applies sigmoid, hard sigmoid, hard swish and SiLU per element', () => {
    expect(run({ op: 'clip', channels: 3, clip: { min: 0, max: 6 } })).toEqual([0, 1, 2, 6, 0.5, 0]);
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    const hard = (v: number) => Math.min(1, Math.max(0, v / 6 + 0.5));
    expect(maxAbsDiff(Float32Array.from(run({ op: 'sigmoid', channels: 3 })), Array.from(x.data, sigmoid))).toBeLessThan(1e-6);
    expect(maxAbsDiff(Float32Array.from(run({ op: 'hardsigmoid', channels: 3, hardSigmoid: { alpha: 0.2, beta: 0.5 } })), Array.from(x.data, (v) => Math.min(1, Math.max(0, 0.2 * v + 0.5))))).toBeLessThan(1e-6);
    expect(maxAbsDiff(Float32Array.from(run({ op: 'hardswish', channels: 3 })), Array.from(x.data, (v) => v * hard(v)))).toBeLessThan(1e-6);
    expect(maxAbsDiff(Float32Array.from(run({ op: 'silu', channels: 3 })), Array.from(x.data, (v) => v * sigmoid(v)))).toBeLessThan(1e-6);
  });

  it('scales and shifts per channel, and picks channels in the order of its select list', () => {
    expect(run({ op: 'affine', channels: 3, affine: { scale: [1, 2, -1], shift: [0.5] } })).toEqual([-3.5, 1.5, 4.5, 14.5, 0, 1]);
    expect(Array.from(runNchw(singleNodeGraph([3, 1, 2], { op: 'select', channels: 2, select: [2, 0] }), none, x).data)).toEqual([0.5, -0.5, -4, 1]);
  });

  it('multiplies the stream by a 1x1 gate, channel by channel', () => {
    const graph = {
      name: 'gate',
      inputShape: [3, 1, 2] as [number, number, number],
      inputRange: [0, 1] as [number, number],
      nodes: [
        { name: 'x', op: 'input' as const, inputs: [], channels: 3 },
        { name: 'squeeze', op: 'globalavgpool' as const, inputs: ['x'], channels: 3 },
        { name: 'gated', op: 'mul' as const, inputs: ['x', 'squeeze'], channels: 3 },
      ],
      output: 'gated',
    };
    expect(maxAbsDiff(runNchw(graph, none, x).data, [6, -1.5, 9, 31.5, 0, 0])).toBe(0);
  });
});

describe('flatten and dense', () => {
  it('flattens in NCHW order so dense weight column c*H*W + h*W + w reads x[c, h, w]', () => {
    const graph = {
      name: 'flat',
      inputShape: [2, 2, 3] as [number, number, number],
      inputRange: [0, 1] as [number, number],
      output: 'fc',
      nodes: [
        { name: 'x', op: 'input' as const, inputs: [], channels: 2 },
        { name: 'f', op: 'flatten' as const, inputs: ['x'], channels: 12 },
        { name: 'fc', op: 'dense' as const, inputs: ['f'], channels: 12 },
      ],
    };
    // Identity weights: output i is flattened input i.
    const eye = new Float32Array(144);
    for (let i = 0; i < 12; i++) eye[i * 13] = 1;
    const x = { shape: [1, 2, 2, 3] as [number, number, number, number], data: Float32Array.from({ length: 12 }, (_, i) => i) };
    const weights = fixedWeights({ dense: { fc: { shape: [12, 12], data: eye } }, denseBias: { fc: new Float32Array(12) } });
    expect(Array.from(runNchw(graph, weights, x).data)).toEqual(Array.from(x.data));
  });

  it('adds the dense bias and uses row o of the [out, in] weights for unit o', () => {
    const graph = singleNodeGraph([3, 1, 1], { op: 'dense', channels: 2 });
    const weights = fixedWeights({ dense: { y: { shape: [2, 3], data: Float32Array.from([1, 2, 3, -1, 0, 1]) } }, denseBias: { y: Float32Array.from([10, 20]) } });
    const got = runNchw(graph, weights, { shape: [1, 3, 1, 1], data: Float32Array.from([1, 1, 2]) });
    expect(Array.from(got.data)).toEqual([19, 21]);
  });
});

describe('batchnorm', () => {
  it('applies scale * (x - mean) / sqrt(variance + epsilon) + bias per channel within 1e-6', () => {
    const bn = { scale: Float32Array.from([2, 0.5]), bias: Float32Array.from([1, -1]), mean: Float32Array.from([3, -2]), variance: Float32Array.from([4, 0.25]), epsilon: 1e-3 };
    const graph = singleNodeGraph([2, 1, 2], { op: 'batchnorm', channels: 2 });
    const got = runNchw(graph, fixedWeights({ batchnorm: { y: bn } }), { shape: [1, 2, 1, 2], data: Float32Array.from([5, 1, 0, -2]) });
    const f = (x: number, c: number) => (bn.scale[c] * (x - bn.mean[c])) / Math.sqrt(bn.variance[c] + bn.epsilon) + bn.bias[c];
    expect(maxAbsDiff(got.data, [f(5, 0), f(1, 0), f(0, 1), f(-2, 1)])).toBeLessThan(1e-6);
  });
});
