import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '@branchscope/core';
import type { ImageDataset } from '../datasets/image-dataset';
import type { WeightSource } from '@branchscope/runtime';
import { batchImages, correctCount, crossEntropy } from './batch-tensors';
import { TrainableModel } from '@branchscope/runtime';

/** Mean loss and accuracy on centre crops, in dataset order, with running batch-norm statistics and no dropout. */
export function evaluateModel(model: TrainableModel, dataset: ImageDataset, batchSize: number): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (const batch of dataset.batches({ seed: 0, epoch: 0, batchSize, shuffle: false, augment: false })) {
    const [batchLoss, logits] = tf.tidy(() => {
      const labels = tf.tensor1d(batch.labels, 'int32');
      const scores = model.forward(batchImages(batch, model.graph.inputRange), { training: false });
      return [crossEntropy(scores, labels), scores] as const;
    });
    loss += batchLoss.dataSync()[0] * batch.count;
    correct += correctCount(logits, batch.labels);
    tf.dispose([batchLoss, logits]);
  }
  return { loss: loss / dataset.size, accuracy: correct / dataset.size };
}

/**
 * Mean cross-entropy and accuracy of `weights` on `dataset` (centre crops, no augmentation), e.g. a trained
 * model's held-out accuracy from `checkpointWeights(dir)`.
 */
export function evaluateWeights(graph: Graph, weights: WeightSource, dataset: ImageDataset, options: { batchSize?: number } = {}): { loss: number; accuracy: number } {
  if (dataset.size === 0) throw new Error('evaluateWeights: the dataset has no images');
  const model = new TrainableModel(graph, weights);
  try {
    return evaluateModel(model, dataset, options.batchSize ?? 64);
  } finally {
    model.dispose();
  }
}
