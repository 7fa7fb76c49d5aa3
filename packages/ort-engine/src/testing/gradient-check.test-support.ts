/** Test support: the same gradients through TF.js (tf.grad over the executor) and through the generated ORT model. */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '@branchscope/core';
import { buildExecutable } from '@branchscope/runtime';
import { seededArray } from '@branchscope/runtime/testing';
import { redirectedRelu } from '@branchscope/runtime';
import { inferShapes } from '@branchscope/runtime';
import { TrainableModel } from '@branchscope/runtime';
import { uniformStream } from '@branchscope/runtime';
import type { WeightSource } from '@branchscope/runtime';
import { generateGradientModel, type GradientModelOptions } from '../build-gradient-model';
import { createOrtSession, type TensorData } from '../ort-session';

/** Largest |a - b| over the largest |b|: the relative error the gradient checks bound. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`relativeError: lengths ${a.length} and ${b.length} differ`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  if (!Number.isFinite(diff)) return Infinity;
  return scale === 0 ? diff : diff / scale;
}

/** The graph cut down to the nodes `layers` depend on, for an input of `inputShape` (later layers may not fit it). */
export function truncatedGraph(graph: Graph, layers: string[], inputShape: [number, number, number] = graph.inputShape): Graph {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const needed = new Set<string>();
  const stack = [...layers];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (needed.has(name)) continue;
    needed.add(name);
    stack.push(...byName.get(name)!.inputs);
  }
  const nodes = graph.nodes.filter((n) => needed.has(n.name));
  return { ...graph, inputShape, nodes, output: nodes[nodes.length - 1]!.name };
}

/** A seeded input and one seeded seed per layer, for `batch` samples of `inputShape`. */
export function seededFeeds(graph: Graph, layers: string[], batch: number, inputShape: [number, number, number] = graph.inputShape, tag = 'feeds'): Record<string, TensorData> {
  const shapes = inferShapes(graph, inputShape);
  const tensor = (dims: number[], seed: string): TensorData => ({ data: seededArray(dims.reduce((a, b) => a * b, 1), seed), dims });
  const feeds: Record<string, TensorData> = { input: tensor([batch, ...inputShape], `${tag}/input`) };
  for (const layer of layers) feeds[`seed:${layer}`] = tensor([batch, ...shapes.get(layer)!], `${tag}/seed/${layer}`);
  return feeds;
}

/** dLoss/dinput in TF.js for loss = sum over layers of sum(activation · seed), NCHW; `redirect` uses the redirected ReLU. */
export function tfjsInputGradient(graph: Graph, weights: WeightSource, feeds: Record<string, TensorData>, layers: string[], redirect = false): { grad: Float32Array; activations: Record<string, Float32Array> } {
  const model = buildExecutable(graph, weights, { layout: 'NCHW' });
  try {
    return tf.tidy(() => {
      const input = tf.tensor4d(feeds.input!.data, feeds.input!.dims as [number, number, number, number]);
      const seeds = layers.map((l) => tf.tensor(feeds[`seed:${l}`]!.data, feeds[`seed:${l}`]!.dims));
      const loss = (x: tf.Tensor): tf.Tensor => {
        const acts = model.predict(x as tf.Tensor4D, layers, redirect ? { relu: redirectedRelu } : {});
        return tf.addN(layers.map((l, i) => tf.sum(tf.mul(acts[l]!, seeds[i]!))));
      };
      const grad = tf.grad(loss)(input);
      const acts = model.predict(input, layers);
      const activations = Object.fromEntries(layers.map((l) => [l, acts[l]!.dataSync() as Float32Array]));
      return { grad: grad.dataSync() as Float32Array, activations };
    });
  } finally {
    model.dispose();
  }
}

/** Builds the gradient model and runs it once on `feeds` (plus `extra` feeds such as `redirect`). */
export async function ortRun(graph: Graph, weights: WeightSource, options: GradientModelOptions, feeds: Record<string, TensorData | number>, threads = 1): Promise<Record<string, TensorData>> {
  const model = generateGradientModel(graph, weights, options);
  const session = await createOrtSession(model.bytes, { threads });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/** What one training step computes, by name: `loss`, `grad:<param>`, `grad:input`, `stats:<layer>/mean|variance`. */
export type StepValues = Record<string, Float32Array>;

/**
 * One training step's gradients in TF.js: TrainableModel (training's own forward, batch statistics) and
 * tf.variableGrads of the mean softmax cross-entropy of its logits against `labels`, dropout masks drawn as
 * training draws them (`dropoutKey` + '/' + node).
 */
export function tfjsTrainingStep(graph: Graph, weights: WeightSource, input: TensorData, labels: TensorData, options: { training: boolean; dropoutRate?: number; dropoutKey?: string }): StepValues {
  const model = new TrainableModel(graph, weights);
  try {
    return tf.tidy(() => {
      const nchw = tf.tensor4d(input.data, input.dims as [number, number, number, number]);
      const x = tf.transpose(nchw, [0, 2, 3, 1]) as tf.Tensor4D;
      const y = tf.tensor2d(labels.data, labels.dims as [number, number]);
      const moments = new Map<string, { mean: tf.Tensor; variance: tf.Tensor; count: number }>();
      const vars = [...model.variables.values()];
      let inputGrad: tf.Tensor | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const logits = model.forward(x, { training: options.training, dropoutRate: options.dropoutRate, dropoutKey: options.dropoutKey }, moments);
        return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as tf.Scalar;
      }, vars);
      inputGrad = tf.grad((xi: tf.Tensor) => {
        const logits = model.forward(xi as tf.Tensor4D, { training: options.training, dropoutRate: options.dropoutRate, dropoutKey: options.dropoutKey });
        return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1)));
      })(x);
      const out: StepValues = { loss: value.dataSync() as Float32Array, 'grad:input': tf.transpose(inputGrad, [0, 3, 1, 2]).dataSync() as Float32Array };
      for (const [name, v] of model.variables) out[`grad:${name}`] = grads[v.name]!.dataSync() as Float32Array;
      for (const [layer, m] of moments) {
        out[`stats:${layer}/mean`] = m.mean.dataSync() as Float32Array;
        out[`stats:${layer}/variance`] = m.variance.dataSync() as Float32Array;
        tf.dispose([m.mean, m.variance]);
      }
      return out;
    });
  } finally {
    model.dispose();
  }
}

/** Dropout masks as training draws them for 2-D activations (inverted dropout, seeded stream per node). */
export function dropoutMask(size: number, rate: number, key: string): Float32Array {
  const keep = 1 - rate;
  const random = uniformStream(key);
  return Float32Array.from({ length: size }, () => (random() < keep ? 1 / keep : 0));
}

/** One-hot labels for `batch` samples of `classes`, seeded. */
export function seededLabels(batch: number, classes: number, seed: string): TensorData {
  const u = uniformStream(seed);
  const data = new Float32Array(batch * classes);
  for (let i = 0; i < batch; i++) data[i * classes + Math.floor(u() * classes)] = 1;
  return { data, dims: [batch, classes] };
}
