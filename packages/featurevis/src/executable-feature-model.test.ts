import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '@branchscope/core';
import { buildExecutable } from '@branchscope/runtime';
import { fixedWeights, randomConv } from '@branchscope/runtime/testing';
import { tinyGraph } from '@branchscope/runtime/testing';
import { seededWeights } from '@branchscope/runtime';
import { featureModelFromExecutable } from './executable-feature-model';
import { channel, channels } from './objectives';
import { renderFeatures, type RenderOptions } from './render';
import { useBackend } from '@branchscope/runtime/testing';

const graph = tinyGraph();
const options = (layout: 'NHWC' | 'NCHW'): Omit<RenderOptions, 'objective' | 'units'> => ({
  model: featureModelFromExecutable(buildExecutable(graph, seededWeights(graph, 1), { layout })),
  inputSize: 9,
  channels: 3,
  inputRange: graph.inputRange,
  steps: 12,
  seed: 2,
  // A 9 px input would be mostly padding after the recipe's transforms; this test is about the adapter.
  transforms: false,
});

describe('featureModelFromExecutable', () => {
  beforeAll(() => useBackend('wasm'));
  afterAll(() => useBackend('cpu'));

  it('renders conv units of an executable graph the same way in either layout (within 1e-4)', async () => {
    const nhwc = await renderFeatures({ ...options('NHWC'), objective: channels('c2', [0, 3]), batch: 2 });
    const nchw = await renderFeatures({ ...options('NCHW'), objective: channels('c2', [0, 3]), batch: 2 });
    const worst = Math.max(...nhwc.images[1].data.map((v, i) => Math.abs(v - nchw.images[1].data[i])));
    expect(worst).toBeLessThan(1e-4);
    expect(nhwc.trace[11]).toBeGreaterThan(nhwc.trace[0]);
  });

  it('raises a dense unit, read as a 1 x 1 map', async () => {
    const result = await renderFeatures({ ...options('NHWC'), objective: channel('fc', 4) });
    expect(result.trace[11]).toBeGreaterThan(result.trace[0]);
  });
});

describe('featureModelFromExecutable with a dead unit', () => {
  beforeAll(() => useBackend('wasm'));
  afterAll(() => useBackend('cpu'));

  // conv -> relu whose bias keeps unit 0 below zero on the initial near-grey images (input about 0).
  const deadGraph: Graph = {
    name: 'dead unit',
    inputShape: [3, 16, 16],
    inputRange: [-1, 1],
    output: 'r',
    nodes: [
      { name: 'x', op: 'input', inputs: [], channels: 3 },
      { name: 'c', op: 'conv', inputs: ['x'], channels: 2, conv: { kernel: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1], dilations: [1, 1], group: 1, bias: true } },
      { name: 'r', op: 'relu', inputs: ['c'], channels: 2 },
    ],
  };
  const weights = fixedWeights({ conv: { c: randomConv([2, 3, 3, 3], 1, 'dead') }, convBias: { c: Float32Array.from([-0.3, 0]) } });

  it('wakes the dead unit up through the executor only with the recipe ReLU redirect', async () => {
    const model = buildExecutable(deadGraph, weights);
    const options: RenderOptions = {
      model: featureModelFromExecutable(model),
      inputSize: 16,
      channels: 3,
      inputRange: [-1, 1],
      objective: channel('r', 0),
      steps: 32,
      seed: 5,
    };
    const plain = await renderFeatures({ ...options, reluRedirectSteps: 0 });
    const redirected = await renderFeatures(options);
    model.dispose();
    expect(Math.max(...plain.trace)).toBe(0);
    expect(redirected.trace[31]).toBeGreaterThan(0.01);
  });

  it('leaves the tensor count unchanged by a 512-step render of two units through the executor (16 px)', async () => {
    const model = buildExecutable(deadGraph, weights);
    const options: RenderOptions = {
      model: featureModelFromExecutable(model),
      inputSize: 16,
      channels: 3,
      inputRange: [-1, 1],
      units: [0, 1],
      layer: 'r',
      seed: 1,
    };
    // The executor creates its weight tensors on the first predict; they belong to the model, not the render.
    await renderFeatures({ ...options, steps: 1 });
    const before = tf.memory().numTensors;
    const result = await renderFeatures({ ...options, steps: 512 });
    const after = tf.memory().numTensors;
    model.dispose();
    expect(result.trace).toHaveLength(512);
    expect(after).toBe(before);
  }, 60_000);
});
