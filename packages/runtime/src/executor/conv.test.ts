import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { ConvAttrs } from '@branchscope/core';
import { convAttrs, fixedWeights, maxAbsDiff, randomConv, referenceConv, runNchw, seededNchw, singleNodeGraph, type Nchw } from '../testing/test-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function runConv(x: Nchw, attrs: ConvAttrs, outC: number, seed: string) {
  const w = randomConv([outC, x.shape[1] / attrs.group, ...attrs.kernel], attrs.group, seed);
  const bias = Float32Array.from({ length: outC }, (_, i) => i / 10);
  const graph = singleNodeGraph([x.shape[1], x.shape[2], x.shape[3]], { op: 'conv', channels: outC, conv: attrs });
  const got = runNchw(graph, fixedWeights({ conv: { y: w }, convBias: { y: bias } }), x);
  return { got, want: referenceConv(x, w, attrs, attrs.bias ? bias : undefined), w };
}

describe('conv', () => {
  it('matches the ONNX reference with asymmetric pads, strides and bias within 1e-5', () => {
    const x = seededNchw([2, 3, 9, 8], 'x');
    const { got, want } = runConv(x, convAttrs({ kernel: [3, 2], strides: [2, 1], pads: [0, 1, 2, 0], bias: true }), 5, 'w');
    expect(got.shape).toEqual(want.shape);
    expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-5);
  });

  it('matches the ONNX reference with dilations within 1e-5', () => {
    const x = seededNchw([1, 2, 9, 9], 'x');
    const { got, want } = runConv(x, convAttrs({ kernel: [3, 3], dilations: [2, 3], pads: [1, 1, 1, 1] }), 3, 'w');
    expect(got.shape).toEqual(want.shape);
    expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-5);
  });

  it('matches the ONNX reference with strides and dilations both above 1 within 1e-5', () => {
    const x = seededNchw([1, 2, 11, 10], 'x');
    const { got, want } = runConv(x, convAttrs({ kernel: [3, 3], dilations: [2, 2], strides: [2, 3] }), 3, 'w');
    expect(got.shape).toEqual(want.shape);
    expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-5);
  });

  it('computes a group-2 conv as two separate convs on the channel halves, concatenated, within 1e-5', () => {
    const x = seededNchw([1, 4, 7, 7], 'x');
    const attrs = convAttrs({ kernel: [3, 3], pads: [1, 1, 1, 1], group: 2 });
    const { got, w } = runConv(x, attrs, 6, 'w');
    const half = (data: Float32Array, from: number, count: number, plane: number) => data.slice(from * plane, (from + count) * plane);
    const xs: Nchw[] = [0, 1].map((g) => ({ shape: [1, 2, 7, 7], data: half(x.data, 2 * g, 2, 49) }));
    const ws = [0, 1].map((g) => ({ shape: [3, 2, 3, 3] as [number, number, number, number], group: 1, data: half(w.data, 3 * g, 3, 18) }));
    const separate = [0, 1].map((g) => referenceConv(xs[g], ws[g], { ...attrs, group: 1 }).data);
    const concatenated = Float32Array.from([...separate[0], ...separate[1]]);
    expect(got.shape).toEqual([1, 6, 7, 7]);
    expect(maxAbsDiff(got.data, concatenated)).toBeLessThan(1e-5);
  });

  it('computes a depthwise conv (group = channels, two outputs each) like the ONNX reference within 1e-5', () => {
    const x = seededNchw([1, 3, 6, 6], 'x');
    const { got, want } = runConv(x, convAttrs({ kernel: [3, 3], pads: [1, 1, 1, 1], group: 3 }), 6, 'w');
    expect(got.shape).toEqual(want.shape);
    expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-5);
  });
});
