import * as tf from '@tensorflow/tfjs-core';

/** What a render asks of the model in one step. */
export interface ModelRequest {
  /** Layers the objective reads. */
  layers: readonly string[];
  /**
   * The ReLU to use for every ReLU of the model: {@link redirectedRelu} during the first steps of a render,
   * `tf.relu` after. A model that ignores it renders correctly but without the recipe's wake-up of dead units.
   */
  relu: (x: tf.Tensor) => tf.Tensor;
}

/**
 * The model as feature visualization sees it: images NHWC, in the model's input range, to activations NHWC.
 * Returning one tensor means "the target layer": it then serves every layer name an objective asks for.
 * Returning a record serves the layers by name.
 *
 * To plug in an executable graph: `(images, { layers, relu }) => predictNhwc(images, layers, { relu })`,
 * transposing NHWC ↔ NCHW around an NCHW executor and using `relu` in place of its ReLU kernels.
 */
export type FeatureModel = (
  images: tf.Tensor4D,
  request: ModelRequest,
) => tf.Tensor4D | Readonly<Record<string, tf.Tensor4D>>;

/** Turns a model's output into the layer lookup an objective reads, with errors that name the layer. */
export function layerLookup(
  output: tf.Tensor4D | Readonly<Record<string, tf.Tensor4D>>,
  batch: number,
): (layer: string) => tf.Tensor4D {
  return (layer) => {
    const t = output instanceof tf.Tensor ? output : output[layer];
    if (t === undefined) {
      const known = Object.keys(output).join(', ');
      throw new RangeError(`the model returned no activations for layer ${layer} (it returned: ${known || 'nothing'})`);
    }
    if (t.rank !== 4 || t.shape[0] !== batch) {
      throw new RangeError(`activations of layer ${layer} must be NHWC with ${batch} images, got shape [${t.shape.join(', ')}]`);
    }
    return t;
  };
}
