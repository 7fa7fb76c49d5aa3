import type { Graph } from '@branchscope/core';
import type { ImageDataset } from '../datasets/image-dataset';
import type { WeightSource } from '@branchscope/runtime';
import type { OptimizerName } from './optimizer';

/** The settings a run is defined by; a resumed run must use the same ones (only `epochs` may grow). */
export interface TrainingSettings {
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  weightDecay: number;
  /** SGD momentum. */
  momentum: number;
  /** Rate of the graph's dropout nodes while training. */
  dropout: number;
  /** Random crops and flips. */
  augment: boolean;
}

/** One epoch's figures, stored in every checkpoint. */
export interface EpochMetrics {
  /** 1-based number of the epoch just completed. */
  epoch: number;
  /** Mean cross-entropy and accuracy over the epoch's training batches (augmented, as trained). */
  loss: number;
  accuracy: number;
  seconds: number;
  imagesPerSecond: number;
  /** On `heldOut`, centre crops, running batch-norm statistics, no dropout. */
  heldOutLoss?: number;
  heldOutAccuracy?: number;
}

/** Reported after every batch. */
export interface TrainProgress {
  /** 1-based epoch and batch numbers. */
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Optimizer steps taken so far, over all epochs. */
  step: number;
  loss: number;
  accuracy: number;
  /** This batch's training throughput (forward, backward and update). */
  imagesPerSecond: number;
}

export interface TrainOptions {
  graph: Graph;
  dataset: ImageDataset;
  seed: number;
  /** Total epochs: a resumed run trains from its checkpoint up to this number. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  /** Default 0. See {@link OptimizerSettings.weightDecay}. */
  weightDecay?: number;
  /** SGD momentum, default 0.9. */
  momentum?: number;
  /** Dropout rate for the graph's dropout nodes, default 0.5 (AlexNet's). */
  dropout?: number;
  /** Random crops and flips, default true. */
  augment?: boolean;
  /** Where `checkpoint.json` and its weights go after every epoch. */
  checkpointDir: string;
  /**
   * Continue from the checkpoint in `checkpointDir` if there is one (default false). Without it, a directory
   * that already holds a checkpoint is an error, so no run is overwritten by accident.
   */
  resume?: boolean;
  /** Evaluated after every epoch; its figures go into the metrics. */
  heldOut?: ImageDataset;
  /** Initial weights; default `seededWeights(graph, seed)`. */
  init?: WeightSource;
  /**
   * What computes each step: 'tfjs' (default, the reference: the active TF.js backend) or 'ort' (a model generated
   * from the graph with every weight gradient, run by onnxruntime-node on every core; see train-ort.ts). Same
   * batches, masks, optimizer and checkpoints; each engine is byte-reproducible from the seed on its own, and the
   * two agree to float32 rounding, not bit for bit.
   */
  engine?: 'tfjs' | 'ort';
  /** Intra-op threads for the 'ort' engine (default one per core). */
  ortThreads?: number;
  /** Whether the 'ort' engine's idle threads spin (default: when the cores are idle; see `createOrtSession`). */
  ortSpinning?: boolean;
  onProgress?: (progress: TrainProgress) => void;
  onEpoch?: (metrics: EpochMetrics) => void;
  /** Stops between batches; the run throws and its last checkpoint stays. */
  signal?: AbortSignal;
}

export interface TrainResult {
  /** The final weights, as plain arrays, for the executor, |W| factors and feature visualization. */
  weights: WeightSource;
  metrics: EpochMetrics[];
  /** Epochs completed (the checkpoint's epoch). */
  epoch: number;
  /** The epoch this call started from: 0, or the checkpoint it resumed. */
  resumedFrom: number;
  checkpointDir: string;
}
