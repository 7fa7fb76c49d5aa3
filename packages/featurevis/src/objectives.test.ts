import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { Objective, ObjectiveContext } from './objective';
import { channel, channels, direction, diversity, neuron } from './objectives';
import { useBackend } from '@branchscope/runtime/testing';

/** A context serving fixed activations for layer 'a' (and 'b' = 2 * 'a'). */
function contextOf(values: number[], shape: [number, number, number, number]): ObjectiveContext {
  return {
    batch: shape[0],
    activations: (layer) => {
      if (layer === 'a') return tf.tensor4d(values, shape);
      if (layer === 'b') return tf.tensor4d(values.map((v) => 2 * v), shape);
      throw new Error(`no layer ${layer}`);
    },
  };
}

const evaluate = (objective: Objective, context: ObjectiveContext): number[] =>
  tf.tidy(() => Array.from(objective.perImage(context).dataSync()));

// Batch of 2, 2 x 2 positions, 3 units: unit u of image b at position p is 100 b + 10 u + p.
const values = Array.from({ length: 24 }, (_, i) => {
  const [b, p, u] = [Math.floor(i / 12), Math.floor(i / 3) % 4, i % 3];
  return 100 * b + 10 * u + p;
});
const ctx = contextOf(values, [2, 2, 2, 3]);

describe('objectives', () => {
  beforeAll(() => useBackend('cpu'));

  it('channel averages one unit over positions and, without a batch index, over images', () => {
    // Unit 1: image 0 mean 11.5, image 1 mean 111.5; each contributes half.
    const perImage = evaluate(channel('a', 1), ctx);
    expect(perImage[0]).toBeCloseTo(11.5 / 2, 5);
    expect(perImage[1]).toBeCloseTo(111.5 / 2, 5);
  });

  it('channel with a batch index counts only that image, in full', () => {
    expect(evaluate(channel('a', 2, { batch: 1 }), ctx)).toEqual([0, 121.5]);
  });

  it('neuron reads the centre position (h // 2, w // 2)', () => {
    // Centre of a 2 x 2 map is (1, 1), position index 3.
    expect(evaluate(neuron('a', 0, { batch: 0 }), ctx)).toEqual([3, 0]);
  });

  it('direction averages the dot product with v over positions', () => {
    const perImage = evaluate(direction('a', [1, 0, -1], { batch: 0 }), ctx);
    expect(perImage[0]).toBeCloseTo(-20, 5); // (10·0 + p) - (10·2 + p) at every position
    expect(Math.abs(perImage[1])).toBe(0);
  });

  it('direction with cossimPow weights the dot product by the floored cosine similarity', () => {
    const single = contextOf([3, 4], [1, 1, 1, 2]);
    const [plain] = evaluate(direction('a', [1, 0]), single);
    const [weighted] = evaluate(direction('a', [1, 0], { cossimPow: 2 }), single);
    expect(plain).toBeCloseTo(3, 5);
    expect(weighted).toBeCloseTo(3 * 0.6 ** 2, 4);
  });

  it('diversity is B - 1 for identical images and 0 for images whose Gram matrices are orthogonal', () => {
    const same = contextOf([1, 2, 1, 2, 1, 2], [3, 1, 1, 2]);
    expect(evaluate(diversity('a'), same).reduce((x, y) => x + y)).toBeCloseTo(2, 4);
    const apart = contextOf([1, 0, 0, 1], [2, 1, 1, 2]);
    expect(evaluate(diversity('a'), apart).reduce((x, y) => x + y)).toBeCloseTo(0, 6);
  });

  it('channels gives image b the mean of unit units[b] on image b alone', () => {
    const perImage = evaluate(channels('a', [2, 0]), ctx);
    expect(perImage[0]).toBeCloseTo(21.5, 5);
    expect(perImage[1]).toBeCloseTo(101.5, 5);
  });

  it('combines objectives with plus, minus and times, across layers', () => {
    const combined = channel('a', 0, { batch: 0 }).plus(channel('b', 0, { batch: 0 })).minus(channel('a', 0, { batch: 0 }).times(4));
    expect(combined.layers).toEqual(['a', 'b']);
    expect(combined.description).toBe('channel(a, 0) + channel(b, 0) - 4 * channel(a, 0)');
    expect(evaluate(combined, ctx)[0]).toBeCloseTo(1.5 + 3 - 6, 5);
  });

  it('names the layer and its unit count when a unit does not exist', () => {
    expect(() => evaluate(channel('a', 3), ctx)).toThrow('layer a has 3 units (0..2); unit 3 does not exist');
  });

  it('rejects a units list whose length is not the batch size', () => {
    expect(() => evaluate(channels('a', [0]), ctx)).toThrow('channels(a): 1 units for a batch of 2 images');
  });
});
