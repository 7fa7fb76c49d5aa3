import * as tf from '@tensorflow/tfjs-core';
import { makeObjective, type Objective, type ObjectiveContext } from './objective';

/** Restricts an objective to one image of the batch, as Lucid's `batch=` argument does. */
export interface BatchOption {
  /** Index of the only image the objective applies to; by default it applies to every image, averaged. */
  batch?: number;
}

/** Reads a layer and checks that `unit` exists in it. */
function read(context: ObjectiveContext, layer: string, unit?: number, batch?: number): tf.Tensor4D {
  const t = context.activations(layer);
  const channels = t.shape[3];
  if (unit !== undefined && (!Number.isInteger(unit) || unit < 0 || unit >= channels)) {
    throw new RangeError(`layer ${layer} has ${channels} units (0..${channels - 1}); unit ${unit} does not exist`);
  }
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 0 || batch >= context.batch)) {
    throw new RangeError(`objective on layer ${layer} asks for image ${batch} of a batch of ${context.batch}`);
  }
  return t;
}

/**
 * Per-image values [batch] → per-image contributions: only image `batch` when given, otherwise every image
 * divided by the batch size, so the sum is Lucid's mean over the batch.
 */
function contribute(values: tf.Tensor1D, context: ObjectiveContext, batch?: number): tf.Tensor1D {
  if (batch === undefined) return tf.div(values, context.batch);
  const mask = new Float32Array(context.batch);
  mask[batch] = 1;
  return tf.mul(values, tf.tensor1d(mask));
}

/** Lucid's channel(layer, n): the mean of unit n's activation map. */
export function channel(layer: string, unit: number, options: BatchOption = {}): Objective {
  return makeObjective(`channel(${layer}, ${unit})`, [layer], (c) => {
    const t = read(c, layer, unit, options.batch);
    const map = tf.slice(t, [0, 0, 0, unit], [-1, -1, -1, 1]);
    return contribute(tf.mean(map, [1, 2, 3]) as tf.Tensor1D, c, options.batch);
  });
}

/** Lucid's neuron(layer, n): unit n's activation at one position, by default the centre (h // 2, w // 2). */
export function neuron(layer: string, unit: number, options: BatchOption & { y?: number; x?: number } = {}): Objective {
  return makeObjective(`neuron(${layer}, ${unit})`, [layer], (c) => {
    const t = read(c, layer, unit, options.batch);
    const [, h, w] = t.shape;
    const y = options.y ?? Math.floor(h / 2);
    const x = options.x ?? Math.floor(w / 2);
    if (y < 0 || y >= h || x < 0 || x >= w) throw new RangeError(`neuron(${layer}, ${unit}): position (${y}, ${x}) is outside ${h} x ${w}`);
    return contribute(tf.reshape(tf.slice(t, [0, y, x, unit], [-1, 1, 1, 1]), [-1]) as tf.Tensor1D, c, options.batch);
  });
}

/**
 * Lucid's direction(layer, v): the mean over positions of the activation vector's dot product with v, times
 * its cosine similarity with v (floored at 0.1) to the power `cossimPow` when that is above 0.
 */
export function direction(layer: string, vector: ArrayLike<number>, options: BatchOption & { cossimPow?: number } = {}): Objective {
  const values = Array.from(vector);
  const pow = options.cossimPow ?? 0;
  return makeObjective(`direction(${layer})`, [layer], (c) => {
    const t = read(c, layer, undefined, options.batch);
    if (t.shape[3] !== values.length) {
      throw new RangeError(`direction on layer ${layer}: the vector has ${values.length} entries, the layer ${t.shape[3]} units`);
    }
    const v = tf.tensor1d(values);
    let score = tf.sum(tf.mul(t, v), 3);
    if (pow !== 0) {
      const cos = tf.div(score, tf.mul(tf.add(tf.norm(t, 'euclidean', 3), 1e-6), tf.norm(v)));
      score = tf.mul(score, tf.pow(tf.maximum(cos, 0.1), pow));
    }
    return contribute(tf.mean(score, [1, 2]) as tf.Tensor1D, c, options.batch);
  });
}

/**
 * Lucid's diversity(layer): how similar the images' Gram matrices are (each L2-normalised), summed over pairs
 * and divided by the batch size. A penalty: use it as `channel(...).minus(diversity(...).times(100))`.
 */
export function diversity(layer: string): Objective {
  return makeObjective(`diversity(${layer})`, [layer], (c) => {
    const t = read(c, layer);
    const [b, h, w, ch] = t.shape;
    const flat = tf.reshape(t, [b, h * w, ch]);
    const grams = tf.reshape(tf.matMul(flat, flat, true, false), [b, ch * ch]);
    const norms = tf.sqrt(tf.maximum(tf.sum(tf.square(grams), 1, true), 1e-10));
    const unit = tf.div(grams, norms);
    const similarity = tf.matMul(unit, unit, false, true); // [b, b]
    const offDiagonal = tf.sub(tf.sum(similarity, 1), tf.sum(tf.mul(similarity, tf.eye(b)), 1));
    return tf.div(offDiagonal, b) as tf.Tensor1D;
  });
}

/**
 * The many-neurons batch objective: image b maximises channel(layer, units[b]) on its own, and the loss is the
 * sum over images. One read of the layer serves the whole batch.
 */
export function channels(layer: string, units: readonly number[]): Objective {
  return makeObjective(`channels(${layer}, [${units.join(', ')}])`, [layer], (c) => {
    if (units.length !== c.batch) throw new RangeError(`channels(${layer}): ${units.length} units for a batch of ${c.batch} images`);
    const t = read(c, layer);
    for (const u of units) read(c, layer, u);
    const means = tf.mean(t, [1, 2]); // [batch, units]
    const pick = tf.buffer([c.batch, t.shape[3]]);
    units.forEach((u, b) => pick.set(1, b, u));
    return tf.sum(tf.mul(means, pick.toTensor()), 1) as tf.Tensor1D;
  });
}
