import type { LayerInfo, WeightSource } from '@branchscope/runtime';
import { seededWeights } from '@branchscope/runtime';
import type { ImageBatch, ImageDataset } from '../datasets/image-dataset';
import { readCheckpoint, writeCheckpoint, type Checkpoint, type NamedArray } from './checkpoint';
import { namedWeights } from './checkpoint-weights';
import { graphHash } from './graph-hash';
import { checkResumable, trainingSettings } from './training-settings';
import type { EpochMetrics, TrainingSettings, TrainOptions } from './training-types';

/** Conv and dense weights get weight decay; biases and batch-norm parameters do not. */
export const decayed = (name: string): boolean => name.endsWith('/weight');

/** A run's starting point, the same on every engine: checked options, settings and the checkpoint it resumes. */
export interface TrainingStart {
  settings: TrainingSettings;
  hash: string;
  existing: Checkpoint | undefined;
  /** Epochs already trained (0 for a new run). */
  start: number;
  /** The weights to start from: the checkpoint's, `init`, or seeded. */
  source: WeightSource;
  /** The optimizer's step and slots from the checkpoint, if resuming. */
  slotState: { step: number; slots: Map<string, Float32Array> } | undefined;
}

/** Checks `options` and reads the checkpoint a run resumes from; throws naming what is wrong. */
export async function startTraining(options: TrainOptions): Promise<TrainingStart> {
  const { graph, dataset, seed, epochs, checkpointDir } = options;
  const settings = trainingSettings(options);
  const [, height, width] = graph.inputShape;
  if (dataset.cropSize !== height || dataset.cropSize !== width) {
    throw new Error(`train: graph '${graph.name}' takes ${height}x${width} inputs, the dataset gives ${dataset.cropSize}px crops`);
  }
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`train: epochs must be a positive integer, got ${epochs}`);
  if (!Number.isFinite(seed)) throw new Error(`train: seed must be a finite number, got ${seed}`);
  if (dataset.size === 0) throw new Error('train: the dataset has no images');

  const hash = graphHash(graph);
  const existing = await readCheckpoint(checkpointDir);
  if (existing && !options.resume) {
    throw new Error(`train: '${checkpointDir}' already holds a checkpoint (epoch ${existing.meta.epoch}); pass resume: true to continue it, or use an empty directory`);
  }
  if (existing) checkResumable(existing.meta, { graph, hash, seed, settings, classes: dataset.classes, checkpointDir });
  const source = existing ? namedWeights(`checkpoint '${checkpointDir}'`, existing.meta.layers, existing.tensors) : (options.init ?? seededWeights(graph, seed));
  const slotState = existing && { step: existing.meta.optimizer.step, slots: new Map([...existing.tensors].filter(([k]) => k.includes(':')).map(([k, t]) => [k, t.data])) };
  return { settings, hash, existing, start: existing?.meta.epoch ?? 0, source, slotState };
}

/** What an engine does in {@link runEpochs}: one batch's step, and what the loop reads from it between epochs. */
export interface TrainingEngine {
  /** Trains on one batch (forward, backward, update) and returns its mean loss and how many it classified right. */
  trainBatch(batch: ImageBatch, epoch: number, index: number): Promise<{ loss: number; correct: number }>;
  /** Optimizer steps taken so far. */
  step(): number;
  /** Loss and accuracy on a held-out set with the current weights. */
  evaluate(heldOut: ImageDataset): { loss: number; accuracy: number };
  /** Parameters, statistics and (with `withSlots`) the optimizer's slots, copied. */
  snapshot(withSlots: boolean): Map<string, NamedArray>;
  layers: Record<string, LayerInfo>;
}

/**
 * The epoch loop both engines share: seeded batches, abort and non-finite loss checks, progress after every batch,
 * held-out figures and an atomic checkpoint after every epoch. Returns every epoch's metrics, the resumed ones first.
 */
export async function runEpochs(options: TrainOptions, run: TrainingStart, engine: TrainingEngine): Promise<EpochMetrics[]> {
  const { graph, dataset, seed, epochs, checkpointDir, signal } = options;
  const { settings } = run;
  const metrics: EpochMetrics[] = [...(run.existing?.meta.metrics ?? [])];
  const batches = dataset.batchCount(settings.batchSize);
  for (let epoch = run.start; epoch < epochs; epoch++) {
    const began = performance.now();
    let [lossSum, correct, seen, batch] = [0, 0, 0, 0];
    for (const b of dataset.batches({ seed, epoch, batchSize: settings.batchSize, augment: settings.augment })) {
      if (signal?.aborted) {
        throw new Error(`train: aborted at epoch ${epoch + 1} batch ${batch + 1}; the last checkpoint in '${checkpointDir}' is epoch ${metrics.length}`, { cause: signal.reason });
      }
      const t0 = performance.now();
      const { loss, correct: right } = await engine.trainBatch(b, epoch, batch);
      if (!Number.isFinite(loss)) throw new Error(`train: the loss became ${loss} at epoch ${epoch + 1} batch ${batch + 1}; lower the learning rate`);
      lossSum += loss * b.count;
      correct += right;
      seen += b.count;
      batch += 1;
      const imagesPerSecond = b.count / ((performance.now() - t0) / 1000);
      options.onProgress?.({ epoch: epoch + 1, epochs, batch, batches, step: engine.step(), loss, accuracy: right / b.count, imagesPerSecond });
      // Let timers, signals and I/O run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const seconds = (performance.now() - began) / 1000;
    const m: EpochMetrics = { epoch: epoch + 1, loss: lossSum / seen, accuracy: correct / seen, seconds, imagesPerSecond: seen / seconds };
    if (options.heldOut) {
      const h = engine.evaluate(options.heldOut);
      Object.assign(m, { heldOutLoss: h.loss, heldOutAccuracy: h.accuracy });
    }
    metrics.push(m);
    await writeCheckpoint(
      checkpointDir,
      {
        graph: { name: graph.name, hash: run.hash },
        classes: [...dataset.classes],
        epoch: epoch + 1,
        seed,
        settings,
        optimizer: { name: settings.optimizer, step: engine.step() },
        rng: { scheme: 'sfc32 keyed by seed/purpose/epoch', seed, nextEpoch: epoch + 1 },
        layers: engine.layers,
        metrics,
      },
      engine.snapshot(true),
    );
    options.onEpoch?.(m);
  }
  return metrics;
}
