import { alexnetGraph, inceptionV1Graph, smallResnetGraph, type Graph } from '@branchscope/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@branchscope/runtime/testing';
import { seededWeights } from '@branchscope/runtime';
import { ortRun, relativeError, seededFeeds, tfjsInputGradient, truncatedGraph } from './testing/gradient-check.test-support';

beforeAll(async () => {
  await useBackend('wasm');
});

/** Whole built-in models on small inputs: forward activations and input gradients through ORT against tf.grad over the executor. */
/** [label, graph, layers to seed, input size, input scale (pixel-sized for the pretrained-style models)]. */
const MODELS: Array<[string, Graph, string[], [number, number, number], number]> = [
  ['InceptionV1 (Lucid) to mixed3b, seeding mixed3a and mixed3b', inceptionV1Graph(), ['mixed3a', 'mixed3b'], [3, 48, 48], 50],
  ['AlexNet (BVLC, grouped conv2/4/5) to conv5', alexnetGraph(), ['conv5'], [3, 99, 99], 50],
  ['small ResNet (bottleneck residual blocks) to its logits', smallResnetGraph({ residual: true, classes: 10, inputSize: 32 }), ['__output__'], [3, 32, 32], 1],
];

describe('whole models: ORT input gradients agree with tf.grad within 1e-4 relative', () => {
  for (const [label, graph, wanted, inputShape, scale] of MODELS) {
    it(label, { timeout: 120_000 }, async () => {
      const layers = wanted.map((l) => (l === '__output__' ? graph.output : l));
      const weights = seededWeights(graph, 11);
      const sized = truncatedGraph(graph, layers, inputShape);
      const feeds = seededFeeds(sized, layers, 2);
      feeds.input!.data.forEach((v, i, a) => (a[i] = v * scale));
      const ref = tfjsInputGradient(sized, weights, feeds, layers);
      const got = await ortRun(sized, weights, { outputs: layers }, feeds, 2);
      for (const l of layers) expect({ l, ok: relativeError(got[l]!.data, ref.activations[l]!) < 1e-4 }).toEqual({ l, ok: true });
      const err = relativeError(got['grad:input']!.data, ref.grad);
      const largest = ref.grad.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      console.info(`${label}: input gradient relative error ${err.toExponential(2)} against tf.grad (largest |gradient| ${largest.toExponential(2)})`);
      expect(largest).toBeGreaterThan(0);
      expect(err).toBeLessThan(1e-4);
    });
  }
});

describe('reproducibility', () => {
  it("an image's gradient is byte-identical alone or in a batch, on one thread or two (InceptionV1 to mixed3b, redirect on)", { timeout: 120_000 }, async () => {
    const graph = truncatedGraph(inceptionV1Graph(), ['mixed3b'], [3, 48, 48]);
    const weights = seededWeights(graph, 2);
    const one = seededFeeds(graph, ['mixed3b'], 1, graph.inputShape, 'one');
    const results: Float32Array[] = [];
    for (const threads of [1, 2]) {
      for (const batch of [1, 4]) {
        const feeds = seededFeeds(graph, ['mixed3b'], batch, graph.inputShape, 'others');
        feeds.input!.data.set(one.input!.data);
        feeds['seed:mixed3b']!.data.set(one['seed:mixed3b']!.data);
        const got = await ortRun(graph, weights, { outputs: ['mixed3b'], redirect: true }, { ...feeds, redirect: 1 }, threads);
        results.push(got['grad:input']!.data.slice(0, one.input!.data.length));
      }
    }
    for (const r of results.slice(1)) expect(Buffer.from(r.buffer).equals(Buffer.from(results[0]!.buffer))).toBe(true);
  });
});
