import * as tf from '@tensorflow/tfjs-core';
import { seededWeights } from '@branchscope/runtime';
import { batchImages, correctCount, crossEntropy } from './batch-tensors';
import { readCheckpoint, writeCheckpoint, type NamedArray } from './checkpoint';
import { namedWeights } from './checkpoint-weights';
import { evaluateModel } from './evaluate';
import { graphHash } from './graph-hash';
import { Optimizer } from './optimizer';
import { checkResumable, trainingSettings } from './training-settings';
import type { EpochMetrics, TrainOptions, TrainResult } from './training-types';
import { TrainableModel } from '@branchscope/runtime';
import { trainOnOrt } from './train-ort';
import { registerWasmTrainingKernels } from '@branchscope/runtime';

/** Conv and dense weights get weight decay; biases and batch-norm parameters do not. */
const decayed = (name: string): boolean => name.endsWith('/weight');

/** The model's parameters, statistics and the optimizer's slots, read back as arrays. */
function snapshot(model: TrainableModel, optimizer?: Optimizer): Map<string, NamedArray> {
  const out = new Map<string, NamedArray>();
  for (const [name, v] of model.tensors()) out.set(name, { shape: v.shape, data: new Float32Array(v.dataSync()) });
  if (optimizer) for (const [name, v] of optimizer.slots) out.set(name, { shape: v.shape, data: new Float32Array(v.dataSync()) });
  return out;
}

/**
 * Trains `graph` on `dataset` with softmax cross-entropy: seeded initialisation (`seededWeights`), seeded
 * batches, crops, flips and dropout, a checkpoint in `checkpointDir` after every epoch. With `resume`, a run
 * continues from its last checkpoint and ends with exactly the weights an uninterrupted run would have on the
 * same backend. Runs on the active TF.js backend (on wasm it registers the conv weight-gradient kernel), or with
 * `engine: 'ort'` on onnxruntime (train-ort.ts).
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  if (options.engine === 'ort') return trainOnOrt(options);
  if (options.engine !== undefined && options.engine !== 'tfjs') throw new Error(`train: engine must be 'tfjs' or 'ort', got '${String(options.engine)}'`);
  const { graph, dataset, seed, epochs, checkpointDir, signal } = options;
  const settings = trainingSettings(options);
  const [, height, width] = graph.inputShape;
  if (dataset.cropSize !== height || dataset.cropSize !== width) {
    throw new Error(`train: graph '${graph.name}' takes ${height}x${width} inputs, the dataset gives ${dataset.cropSize}px crops`);
  }
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`train: epochs must be a positive integer, got ${epochs}`);
  if (!Number.isFinite(seed)) throw new Error(`train: seed must be a finite number, got ${seed}`);
  if (dataset.size === 0) throw new Error('train: the dataset has no images');
  registerWasmTrainingKernels();

  const hash = graphHash(graph);
  const existing = await readCheckpoint(checkpointDir);
  if (existing && !options.resume) {
    throw new Error(`train: '${checkpointDir}' already holds a checkpoint (epoch ${existing.meta.epoch}); pass resume: true to continue it, or use an empty directory`);
  }
  if (existing) checkResumable(existing.meta, { graph, hash, seed, settings, classes: dataset.classes, checkpointDir });
  const start = existing?.meta.epoch ?? 0;
  const model = new TrainableModel(graph, existing ? namedWeights(`checkpoint '${checkpointDir}'`, existing.meta.layers, existing.tensors) : (options.init ?? seededWeights(graph, seed)));
  const slotState = existing && { step: existing.meta.optimizer.step, slots: new Map([...existing.tensors].filter(([k]) => k.includes(':')).map(([k, t]) => [k, t.data])) };
  let optimizer: Optimizer | undefined;
  try {
    optimizer = new Optimizer({ name: settings.optimizer, learningRate: settings.learningRate, weightDecay: settings.weightDecay, momentum: settings.momentum }, model.variables, slotState);
    const metrics: EpochMetrics[] = [...(existing?.meta.metrics ?? [])];
    const variables = [...model.variables.values()];
    const names = new Map([...model.variables].map(([name, v]) => [v.name, name]));
    const batches = dataset.batchCount(settings.batchSize);

    for (let epoch = start; epoch < epochs; epoch++) {
      const began = performance.now();
      let [lossSum, correct, seen, batch] = [0, 0, 0, 0];
      for (const b of dataset.batches({ seed, epoch, batchSize: settings.batchSize, augment: settings.augment })) {
        if (signal?.aborted) {
          throw new Error(`train: aborted at epoch ${epoch + 1} batch ${batch + 1}; the last checkpoint in '${checkpointDir}' is epoch ${metrics.length}`, { cause: signal.reason });
        }
        const t0 = performance.now();
        const x = batchImages(b, graph.inputRange);
        const labels = tf.tensor1d(b.labels, 'int32');
        const moments = new Map<string, { mean: tf.Tensor; variance: tf.Tensor; count: number }>();
        let logits: tf.Tensor2D | undefined;
        const { value, grads } = tf.variableGrads(() => {
          logits = tf.keep(model.forward(x, { training: true, dropoutRate: settings.dropout, dropoutKey: `${seed}/dropout/${epoch}/${batch}` }, moments));
          return crossEntropy(logits, labels);
        }, variables);
        model.updateStatistics(moments);
        optimizer.apply(model.variables, new Map(Object.entries(grads).map(([k, g]) => [names.get(k)!, g])), decayed);
        const loss = value.dataSync()[0];
        const right = correctCount(logits!, b.labels);
        tf.dispose([value, x, labels, logits!, ...Object.values(grads)]);
        if (!Number.isFinite(loss)) throw new Error(`train: the loss became ${loss} at epoch ${epoch + 1} batch ${batch + 1}; lower the learning rate`);
        lossSum += loss * b.count;
        correct += right;
        seen += b.count;
        batch += 1;
        const imagesPerSecond = b.count / ((performance.now() - t0) / 1000);
        options.onProgress?.({ epoch: epoch + 1, epochs, batch, batches, step: optimizer.step, loss, accuracy: right / b.count, imagesPerSecond });
        // Let timers, signals and I/O run between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const seconds = (performance.now() - began) / 1000;
      const m: EpochMetrics = { epoch: epoch + 1, loss: lossSum / seen, accuracy: correct / seen, seconds, imagesPerSecond: seen / seconds };
      if (options.heldOut) {
        const h = evaluateModel(model, options.heldOut, settings.batchSize);
        Object.assign(m, { heldOutLoss: h.loss, heldOutAccuracy: h.accuracy });
      }
      metrics.push(m);
      await writeCheckpoint(
        checkpointDir,
        {
          graph: { name: graph.name, hash },
          classes: [...dataset.classes],
          epoch: epoch + 1,
          seed,
          settings,
          optimizer: { name: settings.optimizer, step: optimizer.step },
          rng: { scheme: 'sfc32 keyed by seed/purpose/epoch', seed, nextEpoch: epoch + 1 },
          layers: Object.fromEntries(model.layers),
          metrics,
        },
        snapshot(model, optimizer),
      );
      options.onEpoch?.(m);
    }
    const final = snapshot(model);
    return { weights: namedWeights(`trained '${graph.name}'`, Object.fromEntries(model.layers), final), metrics, epoch: Math.max(start, epochs), resumedFrom: start, checkpointDir };
  } finally {
    optimizer?.dispose();
    model.dispose();
  }
}
