import * as tf from '@tensorflow/tfjs-core';
import type { ExecutableModel } from '@branchscope/runtime';

/** Per image and unit of one layer: the channel's mean and max over positions, and where the max is. */
export interface ChannelStatistics {
  count: number;
  /** Units (channels) of the layer. */
  channels: number;
  /** Output height and width of the layer. */
  height: number;
  width: number;
  /** `[image * channels + unit]`. */
  mean: Float32Array;
  max: Float32Array;
  /** Flat position `y * width + x` of the max. */
  argmax: Int32Array;
}

/**
 * Runs a batch of square RGB images (NHWC bytes, `count` x `size` x `size` x 3) through `model` (built with the NHWC
 * layout) up to `layer`, pixels mapped linearly from 0..255 onto `inputRange`, and reduces each channel over its
 * positions. Throws naming the layer when it has no spatial output, or the model when it does not take 3 channels.
 */
export function channelStatistics(
  model: ExecutableModel,
  images: Uint8Array,
  count: number,
  size: number,
  inputRange: readonly [number, number],
  layer: string,
): ChannelStatistics {
  if (model.layout !== 'NHWC') throw new Error(`channelStatistics: build the model with the NHWC layout, not ${model.layout}`);
  if (images.length !== count * size * size * 3) throw new Error(`channelStatistics: ${count} images of ${size}x${size} RGB need ${count * size * size * 3} bytes, got ${images.length}`);
  const [lo, hi] = inputRange;
  const scaled = new Float32Array(images.length);
  const scale = (hi - lo) / 255;
  for (let i = 0; i < images.length; i++) scaled[i] = lo + images[i]! * scale;
  const [mean, max, argmax, shape] = tf.tidy(() => {
    const out = model.predict(tf.tensor4d(scaled, [count, size, size, 3]), [layer])[layer]!;
    if (out.rank !== 4) throw new Error(`channelStatistics: layer '${layer}' has a ${out.rank}-D output, not a map of positions`);
    const [n, h, w, c] = out.shape as [number, number, number, number];
    const flat = out.reshape([n, h * w, c]);
    return [flat.mean(1), flat.max(1), flat.argMax(1), [h, w, c]] as const;
  });
  try {
    return {
      count,
      channels: shape[2],
      height: shape[0],
      width: shape[1],
      mean: mean.dataSync() as Float32Array,
      max: max.dataSync() as Float32Array,
      argmax: argmax.dataSync() as Int32Array,
    };
  } finally {
    mean.dispose();
    max.dispose();
    argmax.dispose();
  }
}
