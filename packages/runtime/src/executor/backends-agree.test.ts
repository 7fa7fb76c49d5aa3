import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { seededWeights } from '../weights/seeded-weights';
import { buildExecutable } from './build-executable';
import { maxAbsDiff, seededArray } from '../testing/test-helpers';
import { tinyGraph } from '../testing/tiny-graph';

const graph = tinyGraph();
const outputs = ['n1', 'cat', 'sum', 'ap', 'fc', 'prob'];

/** Activations of `outputs` and the input gradient of their fc sum, read back as plain arrays. */
async function evaluate(backend: 'cpu' | 'wasm'): Promise<Record<string, Float32Array>> {
  await initBackend([backend], { log: () => {}, env: {} });
  const model = buildExecutable(graph, seededWeights(graph, 5));
  const x = tf.tensor4d(seededArray(2 * 9 * 9 * 3, 'input', -2, 2), [2, 9, 9, 3]);
  const acts = model.predict(x, outputs);
  const grad = tf.grad((input: tf.Tensor) => tf.sum(model.predict(input as tf.Tensor4D, ['fc']).fc))(x);
  const result: Record<string, Float32Array> = { grad: grad.dataSync() as Float32Array };
  for (const name of outputs) result[name] = acts[name].dataSync() as Float32Array;
  tf.dispose([x, grad, ...Object.values(acts)]);
  model.dispose();
  return result;
}

describe('cpu and wasm backends', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('agree within 1e-4 on every op of a small graph and on its input gradient', async () => {
    const cpu = await evaluate('cpu');
    const wasm = await evaluate('wasm');
    for (const name of [...outputs, 'grad']) {
      expect(maxAbsDiff(cpu[name], wasm[name]), name).toBeLessThan(1e-4);
    }
  });
});
