import { alexnetGraph, inceptionV1Graph, smallResnetGraph, type Graph } from '@branchscope/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../featurevis/test-backend';
import { seededWeights } from '../weights/seeded-weights';
import { ortRun, relativeError, seededFeeds, tfjsInputGradient, truncatedGraph } from './testing/gradient-check.test-support';

beforeAll(async () => {
  await useBackend('wasm');
});

/** Whole built-in models on small inputs: forward activations and input gradients through ORT against tf.grad over the executor. */
const MODELS: Array<[string, Graph, string[], [number, number, number]]> = [
  ['InceptionV1 (Lucid) to mixed3b, seeding mixed3a and mixed3b', inceptionV1Graph(), ['mixed3a', 'mixed3b'], [3, 48, 48]],
  ['AlexNet (BVLC, grouped conv2/4/5) to conv5', alexnetGraph(), ['conv5'], [3, 99, 99]],
  ['small ResNet (bottleneck residual blocks) to its logits', smallResnetGraph({ residual: true, classes: 10, inputSize: 32 }), ['__output__'], [3, 32, 32]],
];

describe('whole models: ORT input gradients agree with tf.grad within 1e-4 relative', () => {
  for (const [label, graph, wanted, inputShape] of MODELS) {
    it(label, { timeout: 120_000 }, async () => {
      const layers = wanted.map((l) => (l === '__output__' ? graph.output : l));
      const weights = seededWeights(graph, 11);
      const sized = truncatedGraph(graph, layers, inputShape);
      const feeds = seededFeeds(sized, layers, 2);
      feeds.input!.data.forEach((v, i, a) => (a[i] = v * 50)); // pixel-sized inputs, as the models expect
      const ref = tfjsInputGradient(sized, weights, feeds, layers);
      const got = await ortRun(sized, weights, { outputs: layers }, feeds, 2);
      for (const l of layers) expect({ l, ok: relativeError(got[l]!.data, ref.activations[l]!) < 1e-4 }).toEqual({ l, ok: true });
      const err = relativeError(got['grad:input']!.data, ref.grad);
      expect(err).toBeLessThan(1e-4);
    });
  }
});
