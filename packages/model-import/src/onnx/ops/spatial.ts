import * as tf from '@tensorflow/tfjs-core';
import { toChannelsFirst, toChannelsLast } from './op-def';

/**
 * Runs `body` on a channels-last view of an NC... tensor with 2 or 3 spatial axes; a 1-D input [N, C, L]
 * is lifted to 2-D [N, 1, L, C] so that TF.js's 2-D kernels serve it. `lift` tells the body whether it did.
 */
export function channelsLast(x: tf.Tensor, body: (x: tf.Tensor, lifted: boolean) => tf.Tensor): tf.Tensor {
  if (x.rank === 3) {
    const [n, c, l] = x.shape as [number, number, number];
    const y = body(tf.reshape(toChannelsLast(x), [n, 1, l, c]), true);
    const [, , ol, oc] = y.shape as [number, number, number, number];
    return toChannelsFirst(tf.reshape(y, [n, ol, oc]));
  }
  return toChannelsFirst(body(toChannelsLast(x), false));
}

/** Pads the spatial axes of a channels-last tensor ([N, ...spatial, C]). */
export function padSpatial(x: tf.Tensor, begin: number[], end: number[], value = 0): tf.Tensor {
  if (begin.every((b) => b === 0) && end.every((e) => e === 0)) return x;
  const paddings: Array<[number, number]> = [[0, 0], ...begin.map((b, i): [number, number] => [b, end[i]!]), [0, 0]];
  return tf.pad(x, paddings, value);
}

/** Keeps at most `out[i]` positions of each spatial axis of a channels-last tensor. */
export function cropSpatial(x: tf.Tensor, out: number[]): tf.Tensor {
  const spatial = x.shape.slice(1, -1);
  if (spatial.every((s, i) => s === out[i])) return x;
  return tf.slice(x, new Array<number>(x.rank).fill(0), [-1, ...out, -1]);
}

/** A 1-D window description lifted to 2-D: a unit-sized leading axis. */
export const lift2d = (values: number[], fill: number): number[] => (values.length === 1 ? [fill, values[0]!] : values);
