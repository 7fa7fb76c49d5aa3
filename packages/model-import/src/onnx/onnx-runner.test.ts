import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillNormal } from '@branchscope/runtime';
import { createOnnxRunner } from './onnx-runner';
import { readOnnx } from './read-onnx';
import { smallBranchedModel } from './testing/small-models.test-support';
import { useBackend } from './testing/use-backend.test-support';

describe('createOnnxRunner', () => {
  beforeAll(() => useBackend('cpu'));
  const model = readOnnx(smallBranchedModel().encode(true));
  const input = (): tf.Tensor => tf.tensor(fillNormal(new Float32Array(324), 'x', 1), [1, 4, 9, 9]);

  it('gives gradients with respect to the input that match central differences within 2e-3', () => {
    const runner = createOnnxRunner(model);
    const x = input();
    const loss = (t: tf.Tensor): tf.Scalar => tf.tidy(() => tf.sum(tf.mul(runner.run({ x: t }).prob!, tf.tensor1d([1, -2, 3, 0.5, -1]))));
    const grad = tf.grad(loss)(x).dataSync();
    const values = x.dataSync();
    const h = 1e-2;
    for (const i of [0, 17, 101, 200, 323]) {
      const at = (d: number): number => {
        const shifted = Float32Array.from(values);
        shifted[i] += d;
        const t = tf.tensor(shifted, x.shape);
        const v = loss(t).dataSync()[0]!;
        t.dispose();
        return v;
      };
      expect(Math.abs((at(h) - at(-h)) / (2 * h) - grad[i]!)).toBeLessThan(2e-3);
    }
    x.dispose();
    runner.dispose();
  });

  it('leaves no tensors behind once outputs and constants are disposed', () => {
    const x = input();
    const before = tf.memory().numTensors;
    const runner = createOnnxRunner(model);
    const out = runner.run({ x });
    tf.dispose(Object.values(out));
    runner.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('evaluates only what a requested intermediate tensor needs', () => {
    const runner = createOnnxRunner(model);
    const x = input();
    const out = runner.run({ x }, ['cat']);
    expect(Object.keys(out)).toEqual(['cat']);
    expect(out.cat!.shape).toEqual([1, 8, 4, 4]);
    tf.dispose([...Object.values(out), x]);
    runner.dispose();
  });

  it('refuses a feed of the wrong shape, naming the input', () => {
    const runner = createOnnxRunner(model);
    const x = tf.zeros([1, 3, 9, 9]);
    expect(() => runner.run({ x })).toThrow(/input 'x' must have shape \[1, 4, 9, 9\]/);
    x.dispose();
    runner.dispose();
  });
});
