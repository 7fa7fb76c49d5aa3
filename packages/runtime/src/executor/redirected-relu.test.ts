import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '../gradients';
import { redirectedRelu } from './redirected-relu';
import { useBackend } from '../testing/use-backend';

// Image 0 has a positive entry, so its true ReLU gradient is non-zero; image 1 is negative everywhere.
const x = [[2, -1, -3], [-1, -2, -3]];
const dy = [[5, 6, -7], [5, 6, -7]];

function gradient(relu: (t: tf.Tensor) => tf.Tensor): number[][] {
  return tf.tidy(() => {
    const upstream = tf.tensor2d(dy);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(relu(t), upstream)))(tf.tensor2d(x));
    // + 0 turns -0 into 0, so comparisons read as intended.
    return (g.arraySync() as number[][]).map((row) => row.map((v) => v + 0));
  });
}

describe('redirectedRelu', () => {
  afterAll(() => useBackend('cpu'));

  it.each(['cpu', 'wasm'] as const)('keeps the true gradient for images it reaches and redirects it for dead images on %s', async (backend) => {
    await useBackend(backend);
    const g = gradient(redirectedRelu);
    expect(g[0]).toEqual([5, 0, 0]);
    // Dead image: the gradient passes except where x < 0 and it is positive (it would push x further down).
    expect(g[1]).toEqual([0, 0, -7]);
  });

  it('computes the plain ReLU forward', async () => {
    await useBackend('cpu');
    const y = tf.tidy(() => redirectedRelu(tf.tensor2d(x)).arraySync());
    expect(y).toEqual([[2, 0, 0], [0, 0, 0]]);
  });

  it('differs from the true ReLU gradient only on dead images', async () => {
    await useBackend('cpu');
    const plain = gradient(tf.relu);
    expect(plain[0]).toEqual([5, 0, 0]);
    expect(plain[1]).toEqual([0, 0, 0]);
  });
});
