import * as tf from '@tensorflow/tfjs-core';
import { uniformStream } from '../weights/prng';

/**
 * Inverted dropout with a mask drawn from the seeded stream `key` (not tf.random, whose values depend on the
 * backend), so a run and its resumption drop the same units.
 */
export function dropout(x: tf.Tensor, rate: number, key: string): tf.Tensor {
  if (!(rate >= 0 && rate < 1)) throw new Error(`dropout rate must be in [0, 1), got ${rate}`);
  const keep = 1 - rate;
  const random = uniformStream(key);
  const mask = new Float32Array(x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = random() < keep ? 1 / keep : 0;
  return tf.mul(x, tf.tensor(mask, x.shape));
}
