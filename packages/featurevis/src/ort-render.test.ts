import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { inceptionV1Graph } from '@branchscope/core';
import { buildExecutable, type ExecutableModel } from '@branchscope/runtime';
import { loadOrt } from '@branchscope/ort-engine';
import { seededWeights } from '@branchscope/runtime';
import { featureModelFromExecutable } from './executable-feature-model';
import { tfjsGradientFeatureModel, type GradientFeatureModel } from './gradient-feature-model';
import { ortGradientFeatureModel } from './ort-gradient-feature-model';
import { encodePng } from './png';
import { renderFeatures } from './render';
import { renderFeaturesWithGradients, type GradientRenderOptions } from './render-with-gradients';
import { useBackend } from '@branchscope/runtime/testing';

// InceptionV1 (Lucid) up to mixed3a at 32 px: the 7x7 stride-2 stem, max pools, both LRNs, a whole Inception block.
const graph = inceptionV1Graph();
const weights = seededWeights(graph, 0);
const SIZE = 32;
const LAYER = 'mixed3a';
const ortMissing = await loadOrt().then(
  () => undefined,
  (error: Error) => `onnxruntime-node does not load here: ${error.message}`,
);
const base: Omit<GradientRenderOptions, 'model'> = { inputSize: SIZE, channels: 3, inputRange: graph.inputRange, layer: LAYER, units: [5, 200], steps: 4, seed: 3, reluRedirectSteps: 2 };
const worst = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe.skipIf(ortMissing !== undefined)('feature visualization on onnxruntime', () => {
  let ort: GradientFeatureModel;
  let executable: ExecutableModel;
  let reference: GradientFeatureModel;
  beforeAll(async () => {
    await useBackend('wasm');
    ort = await ortGradientFeatureModel(graph, weights, { layers: [LAYER], inputShape: [3, SIZE, SIZE], threads: 2 });
    executable = buildExecutable(graph, weights);
    reference = tfjsGradientFeatureModel(featureModelFromExecutable(executable), [LAYER]);
  });
  afterAll(async () => {
    ort.dispose();
    executable.dispose();
    await useBackend('cpu');
  });

  it('returns the activations and input gradient of the TF.js executor within 1e-4 relative, redirected ReLU included', async () => {
    const dims = [2, 3, SIZE, SIZE];
    const input = { data: Float32Array.from({ length: 2 * 3 * SIZE * SIZE }, (_, i) => 60 * Math.sin(i * 0.37)), dims };
    const seedDims = ort.activationDims(LAYER, dims);
    const seed = Float32Array.from({ length: seedDims.reduce((a, b) => a * b) }, (_, i) => Math.cos(i * 0.11));
    for (const redirect of [false, true]) {
      const a = await ort.run({ input, seeds: { [LAYER]: seed }, redirect });
      const b = await reference.run({ input, seeds: { [LAYER]: seed }, redirect });
      expect(a.activations[LAYER]!.dims).toEqual(seedDims);
      const scale = (xs: Float32Array) => Math.max(...xs.map(Math.abs));
      expect(worst(a.activations[LAYER]!.data, b.activations[LAYER]!.data) / scale(b.activations[LAYER]!.data)).toBeLessThan(1e-4);
      expect(worst(a.gradInput, b.gradInput) / scale(b.gradInput)).toBeLessThan(1e-4);
    }
  });

  it('gives byte-identical PNGs for the same seed, and raises each unit’s objective', async () => {
    const a = await renderFeaturesWithGradients({ ...base, model: ort, steps: 12 });
    const b = await renderFeaturesWithGradients({ ...base, model: ort, steps: 12 });
    for (const i of [0, 1]) expect(Buffer.from(encodePng(a.images[i]!)).equals(Buffer.from(encodePng(b.images[i]!)))).toBe(true);
    for (const i of [0, 1]) expect(a.perImageTrace[11]![i]!).toBeGreaterThan(a.perImageTrace[0]![i]! + 0.1);
  });

  it('renders a unit with its own seed the same alone or in a batch', async () => {
    const alone = await renderFeaturesWithGradients({ ...base, model: ort, units: [200], imageSeeds: [9] });
    const batched = await renderFeaturesWithGradients({ ...base, model: ort, units: [5, 200], imageSeeds: [4, 9] });
    expect(worst(alone.images[0]!.data, batched.images[1]!.data)).toBeLessThan(1e-5);
  });

  it('stays within 0.02 per pixel of the TF.js render after a few steps of the same seed', async () => {
    const onOrt = await renderFeaturesWithGradients({ ...base, model: ort, steps: 3 });
    const onTfjs = await renderFeatures({ ...base, model: featureModelFromExecutable(executable), steps: 3 });
    onOrt.trace.forEach((v, i) => expect(Math.abs(v - onTfjs.trace[i]!) / Math.abs(onTfjs.trace[i]!)).toBeLessThan(1e-3));
    for (const i of [0, 1]) expect(worst(onOrt.images[i]!.data, onTfjs.images[i]!.data)).toBeLessThan(0.02);
  });

  it('leaves no TF.js tensor behind', async () => {
    const before = tf.memory().numTensors;
    await renderFeaturesWithGradients({ ...base, model: ort, steps: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
