import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { tfjsGradientFeatureModel } from './gradient-feature-model';
import { channel, diversity } from './objectives';
import { PLANTED, plantedModel } from './planted-filters.test-support';
import { renderFeatures, type RenderOptions } from './render';
import { renderFeaturesWithGradients } from './render-with-gradients';
import { useBackend } from '@branchscope/runtime/testing';

const planted = plantedModel(PLANTED);
const base: RenderOptions = { model: planted.model, inputSize: 24, channels: 3, inputRange: [-1, 1], units: [0, 1], steps: 6, seed: 7 };
const gradients = tfjsGradientFeatureModel(planted.model, ['output']);
const worst = (a: Float32Array, b: Float32Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('renderFeaturesWithGradients (the model outside the tape)', () => {
  beforeAll(() => useBackend('wasm'));
  afterAll(async () => {
    planted.dispose();
    await useBackend('cpu');
  });

  it('gives the images and traces of the one-tape render within 1e-5, redirected steps included', async () => {
    const options = { ...base, layer: 'output', reluRedirectSteps: 3 };
    const whole = await renderFeatures(options);
    const split = await renderFeaturesWithGradients({ ...options, model: gradients });
    for (const b of [0, 1]) expect(worst(split.images[b]!.data, whole.images[b]!.data)).toBeLessThan(1e-5);
    split.trace.forEach((v, i) => expect(v).toBeCloseTo(whole.trace[i]!, 4));
  });

  it('maximises a non-linear objective through seeds computed from each step’s activations', async () => {
    const objective = channel('output', 0).minus(diversity('output').times(10));
    const options = { ...base, units: undefined, objective, batch: 2, layer: undefined };
    const whole = await renderFeatures(options);
    const split = await renderFeaturesWithGradients({ ...options, model: gradients });
    expect(worst(split.images[1]!.data, whole.images[1]!.data)).toBeLessThan(1e-5);
  });

  it('raises the objective and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const result = await renderFeaturesWithGradients({ ...base, model: gradients, steps: 24 });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.trace[23]).toBeGreaterThan(result.trace[0]! + 0.1);
  });

  it('names the layer the objective reads and the model does not return', async () => {
    await expect(renderFeaturesWithGradients({ ...base, model: gradients, layer: 'conv9' })).rejects.toThrow(
      'the objective reads layer conv9, which the tfjs-',
    );
  });
});
