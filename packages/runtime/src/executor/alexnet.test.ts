import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { alexnetGraph } from '@branchscope/core';
import { seededWeights } from '../weights/seeded-weights';
import { buildExecutable } from './build-executable';
import { seededArray } from '../testing/test-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('AlexNet on the cpu backend', () => {
  const graph = alexnetGraph();
  const [lo, hi] = graph.inputRange;

  it('maps a 1x3x224x224 NCHW image to 1000 probabilities summing to 1, with 96x54x54 conv1 maps', { timeout: 120_000 }, () => {
    const model = buildExecutable(graph, seededWeights(graph, 42), { layout: 'NCHW' });
    const x = tf.tensor4d(seededArray(3 * 224 * 224, 'image', lo, hi), [1, 3, 224, 224]);
    const { prob, conv1 } = model.predict(x, ['prob', 'conv1']);
    expect(prob.shape).toEqual([1, 1000]);
    expect(conv1.shape).toEqual([1, 96, 54, 54]);
    const p = Array.from(prob.dataSync());
    expect(Math.abs(p.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-4);
    expect(p.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    tf.dispose([x, prob, conv1]);
    model.dispose();
  });

  it('returns conv1 as [1, 54, 54, 96] in the default NHWC layout without running later layers', () => {
    const model = buildExecutable(graph, seededWeights(graph, 42));
    const x = tf.zeros([1, 224, 224, 3]) as tf.Tensor4D;
    const before = tf.memory().numBytes;
    const { conv1 } = model.predict(x, ['conv1']);
    expect(conv1.shape).toEqual([1, 54, 54, 96]);
    // Only conv1's weights (and its output) were allocated: far below fc6's 151 MB.
    expect(tf.memory().numBytes - before).toBeLessThan(4_000_000);
    tf.dispose([x, conv1]);
    model.dispose();
  });
});
