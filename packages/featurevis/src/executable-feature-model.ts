import * as tf from '@tensorflow/tfjs-core';
import type { ExecutableModel } from '@branchscope/runtime';
import type { FeatureModel } from './feature-model';

/**
 * An executable graph as a {@link FeatureModel}: NHWC images in, the requested nodes' activations out as NHWC
 * (2-D outputs such as dense layers and logits become [N, 1, 1, features], so channel(fc, k) is that unit).
 * The request's ReLU runs every relu node, so renders get the recipe's redirected gradient in their first steps.
 */
export function featureModelFromExecutable(model: ExecutableModel): FeatureModel {
  return (images, { layers, relu }) => {
    const input = model.layout === 'NHWC' ? images : (tf.transpose(images, [0, 3, 1, 2]) as tf.Tensor4D);
    const outputs = model.predict(input, [...layers], { relu });
    const result: Record<string, tf.Tensor4D> = {};
    for (const layer of layers) {
      const t = outputs[layer];
      if (t.rank === 2) result[layer] = tf.reshape(t, [t.shape[0], 1, 1, t.shape[1]!]);
      else if (t.rank === 4) result[layer] = model.layout === 'NHWC' ? (t as tf.Tensor4D) : tf.transpose(t as tf.Tensor4D, [0, 2, 3, 1]);
      else throw new RangeError(`layer ${layer} of model '${model.graph.name}' has rank ${t.rank}; feature visualization reads 2-D or 4-D activations`);
    }
    return result;
  };
}
