import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { seededWeights } from '../weights/seeded-weights';
import { buildExecutable } from './build-executable';
import { maxAbsDiff, seededArray } from '../testing/test-helpers';
import { tinyGraph } from '../testing/tiny-graph';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const graph = tinyGraph();
const nchwInput = () => tf.tensor4d(seededArray(2 * 3 * 9 * 9, 'input'), [2, 3, 9, 9]);

describe('buildExecutable', () => {
  it('runs a graph using every op to a softmax over 5 classes per sample', () => {
    const model = buildExecutable(graph, seededWeights(graph, 1), { layout: 'NCHW' });
    const x = nchwInput();
    const { prob } = model.predict(x);
    expect(prob.shape).toEqual([2, 5]);
    const sums = tf.sum(prob, 1);
    expect(maxAbsDiff(sums.dataSync(), [1, 1])).toBeLessThan(1e-5);
    tf.dispose([x, prob, sums]);
    model.dispose();
  });

  it('returns the same activations in NHWC as in NCHW, transposed', () => {
    const nchw = buildExecutable(graph, seededWeights(graph, 1), { layout: 'NCHW' });
    const nhwc = buildExecutable(graph, seededWeights(graph, 1));
    const x = nchwInput();
    const a = nchw.predict(x, ['sum', 'prob']);
    const xt = tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D;
    const b = nhwc.predict(xt, ['sum', 'prob']);
    expect(a.sum.shape).toEqual([2, 8, 5, 4]);
    expect(b.sum.shape).toEqual([2, 5, 4, 8]);
    const bt = tf.transpose(b.sum, [0, 3, 1, 2]);
    expect(maxAbsDiff(a.sum.dataSync(), bt.dataSync())).toBeLessThan(1e-6);
    expect(maxAbsDiff(a.prob.dataSync(), b.prob.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, xt, bt, ...Object.values(a), ...Object.values(b)]);
    nchw.dispose();
    nhwc.dispose();
  });

  it('leaves the tensor count unchanged by a predict whose outputs are disposed', () => {
    const model = buildExecutable(graph, seededWeights(graph, 1), { layout: 'NCHW' });
    const x = nchwInput();
    tf.dispose(Object.values(model.predict(x, ['x', 'c1', 'prob']))); // creates the weight tensors
    const before = tf.memory().numTensors;
    tf.dispose(Object.values(model.predict(x, ['x', 'c1', 'prob'])));
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('frees every weight tensor on dispose', () => {
    const before = tf.memory().numTensors;
    const model = buildExecutable(graph, seededWeights(graph, 1));
    const x = tf.zeros([1, 9, 9, 3]) as tf.Tensor4D;
    tf.dispose(Object.values(model.predict(x)));
    expect(tf.memory().numTensors).toBeGreaterThan(before + 1);
    x.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps its weights when predict runs inside a caller tidy', () => {
    const model = buildExecutable(graph, seededWeights(graph, 1));
    const x = tf.ones([1, 9, 9, 3]) as tf.Tensor4D;
    const first = tf.tidy(() => tf.clone(model.predict(x).prob));
    const second = model.predict(x).prob;
    expect(maxAbsDiff(first.dataSync(), second.dataSync())).toBe(0);
    tf.dispose([x, first, second]);
    model.dispose();
  });

  it('passes gradients to the input that match finite differences within 2%', () => {
    const model = buildExecutable(graph, seededWeights(graph, 2), { layout: 'NCHW' });
    const weights = tf.tensor2d([[1, -2, 0.5, 3, -1]]);
    const loss = (x: tf.Tensor) => tf.sum(tf.mul(model.predict(x as tf.Tensor4D, ['fc']).fc, weights)) as tf.Scalar;
    const x = nchwInput();
    const grad = tf.grad(loss)(x);
    const g = grad.dataSync();
    expect(grad.shape).toEqual([2, 3, 9, 9]);
    const eps = 1e-2;
    for (const i of [40, 200, 300]) {
      const bump = (d: number) => {
        const data = x.dataSync().slice();
        data[i] += d;
        const xi = tf.tensor4d(data, [2, 3, 9, 9]);
        const v = tf.tidy(() => loss(xi).dataSync()[0]);
        xi.dispose();
        return v;
      };
      const numeric = (bump(eps) - bump(-eps)) / (2 * eps);
      expect(Math.abs(g[i] - numeric)).toBeLessThan(0.02 * Math.max(Math.abs(numeric), 0.05));
    }
    tf.dispose([weights, x, grad]);
    model.dispose();
  });

  it('applies a per-call relu option at every relu node and tf.relu again on the next call', () => {
    const model = buildExecutable(graph, seededWeights(graph, 1), { layout: 'NCHW' });
    const x = nchwInput();
    const identity = model.predict(x, ['c1', 'r1'], { relu: (t) => tf.clone(t) });
    const plain = model.predict(x, ['r1']);
    expect(maxAbsDiff(identity.r1.dataSync(), identity.c1.dataSync())).toBe(0);
    const min = (t: tf.Tensor) => tf.tidy(() => tf.min(t).dataSync()[0]);
    expect(min(identity.c1)).toBeLessThan(0);
    expect(min(plain.r1)).toBe(0);
    tf.dispose([x, ...Object.values(identity), ...Object.values(plain)]);
    model.dispose();
  });

  it('names an unknown output node', () => {
    const model = buildExecutable(graph, seededWeights(graph, 1));
    const x = tf.zeros([1, 9, 9, 3]) as tf.Tensor4D;
    expect(() => model.predict(x, ['mixed4a'])).toThrow("model 'tiny' has no node 'mixed4a' to output");
    x.dispose();
    model.dispose();
  });

  it('rejects an input whose channel count does not match the graph, naming the layout', () => {
    const model = buildExecutable(graph, seededWeights(graph, 1));
    const x = tf.zeros([1, 3, 9, 9]) as tf.Tensor4D;
    expect(() => model.predict(x)).toThrow("model 'tiny' expects 3 input channels (NHWC), got shape [1,3,9,9]");
    x.dispose();
    model.dispose();
  });

  it('explains a dense layer fed by an image of another size', () => {
    const model = buildExecutable(graph, seededWeights(graph, 1));
    const x = tf.zeros([1, 13, 13, 3]) as tf.Tensor4D;
    expect(() => model.predict(x)).toThrow(/dense 'fc' expects 56 input features, got \d+/);
    x.dispose();
    model.dispose();
  });
});
