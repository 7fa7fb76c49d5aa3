import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { FeatureModel } from './feature-model';
import { channel, diversity } from './objectives';
import { PLANTED, plantedModel } from './planted-filters.test-support';
import { renderFeatures, type RenderOptions } from './render';
import { useBackend } from '@branchscope/runtime/testing';

// wasm: several times faster than the cpu backend on these convolutions.
const planted = plantedModel(PLANTED);
const base: RenderOptions = { model: planted.model, inputSize: 24, channels: 3, inputRange: [-1, 1], units: [0, 1], steps: 4, seed: 7 };

describe('renderFeatures', () => {
  beforeAll(() => useBackend('wasm'));
  afterAll(async () => {
    planted.dispose();
    await useBackend('cpu');
  });

  it('returns one HWC image in [0, 1] per unit and one trace entry per step', async () => {
    const result = await renderFeatures(base);
    expect(result.images).toHaveLength(2);
    for (const image of result.images) {
      expect([image.height, image.width, image.channels]).toEqual([24, 24, 3]);
      expect(image.data).toHaveLength(24 * 24 * 3);
      expect(image.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    expect(result.trace).toHaveLength(4);
    expect(result.perImageTrace).toHaveLength(4);
    expect(result.perImageTrace[3].reduce((a, b) => a + b)).toBeCloseTo(result.trace[3], 5);
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await renderFeatures({ ...base, steps: 20 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives identical images for the same seed and different images for another seed', async () => {
    const a = await renderFeatures(base);
    const b = await renderFeatures(base);
    const c = await renderFeatures({ ...base, seed: 8 });
    expect(Array.from(b.images[1].data)).toEqual(Array.from(a.images[1].data));
    expect(Array.from(c.images[1].data)).not.toEqual(Array.from(a.images[1].data));
  });

  it('renders an image with its own seed the same, within 1e-5, alone or beside another unit', async () => {
    const alone = await renderFeatures({ ...base, units: [1], imageSeeds: [3], steps: 6 });
    const batched = await renderFeatures({ ...base, units: [0, 1], imageSeeds: [3, 3], steps: 6 });
    const worst = Math.max(...alone.images[0].data.map((v, i) => Math.abs(v - batched.images[1].data[i])));
    expect(worst).toBeLessThan(1e-5);
    expect(alone.trace[5]).toBeCloseTo(batched.perImageTrace[5][1], 4);
  });

  it('renders images with the model channel count and a smaller size than the input', async () => {
    const grey: FeatureModel = (images, { relu }) => relu(tf.conv2d(images, tf.ones([3, 3, 1, 2]), 1, 'valid')) as tf.Tensor4D;
    const result = await renderFeatures({ ...base, model: grey, channels: 1, size: 16 });
    expect([result.images[0].height, result.images[0].width, result.images[0].channels]).toEqual([16, 16, 1]);
  });

  it('maximises a combined objective over a batch, reading layers by name', async () => {
    const layered: FeatureModel = (images, request) => {
      const out = planted.model(images, request) as tf.Tensor4D;
      return { conv: out, doubled: tf.mul(out, 2) as tf.Tensor4D };
    };
    const objective = channel('conv', 0).plus(channel('doubled', 2)).minus(diversity('conv').times(100));
    const result = await renderFeatures({ ...base, units: undefined, objective, batch: 3, model: layered, steps: 3 });
    expect(result.images).toHaveLength(3);
    expect(result.perImageTrace[0]).toHaveLength(3);
  });

  it('names the layer the model did not return', async () => {
    const layered: FeatureModel = (images, request) => ({ conv: planted.model(images, request) as tf.Tensor4D });
    await expect(renderFeatures({ ...base, model: layered, layer: 'fc' })).rejects.toThrow(
      'the model returned no activations for layer fc (it returned: conv)',
    );
  });

  it('rejects options with both an objective and units', async () => {
    await expect(renderFeatures({ ...base, objective: channel('output', 0) })).rejects.toThrow('give exactly one of objective and units');
  });

  it('wakes a dead unit up through the redirected ReLU gradient, which the true gradient cannot', async () => {
    // Unit 0 minus a bias: on the initial near-grey images its pre-activation is negative everywhere.
    const dead: FeatureModel = (images, { relu }) =>
      relu(tf.sub(planted.model(images, { layers: [], relu: (t) => t }) as tf.Tensor4D, 0.3)) as tf.Tensor4D;
    const options = { ...base, units: undefined, model: dead, objective: channel('output', 0), steps: 32 };
    const plain = await renderFeatures({ ...options, reluRedirectSteps: 0 });
    const redirected = await renderFeatures(options);
    expect(Math.max(...plain.trace)).toBe(0);
    expect(redirected.trace[31]).toBeGreaterThan(0.01);
  });
});
