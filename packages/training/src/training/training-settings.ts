import type { Graph } from '@branchscope/core';
import type { CheckpointMeta } from './checkpoint';
import type { TrainingSettings, TrainOptions } from './training-types';

/** The run's settings with defaults filled in, each checked. */
export function trainingSettings(o: TrainOptions): TrainingSettings {
  const s: TrainingSettings = {
    batchSize: o.batchSize,
    learningRate: o.learningRate,
    optimizer: o.optimizer,
    weightDecay: o.weightDecay ?? 0,
    momentum: o.momentum ?? 0.9,
    dropout: o.dropout ?? 0.5,
    augment: o.augment ?? true,
  };
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1) throw new Error(`train: batchSize must be a positive integer, got ${s.batchSize}`);
  if (!(s.learningRate > 0)) throw new Error(`train: learningRate must be positive, got ${s.learningRate}`);
  if (s.optimizer !== 'sgd-momentum' && s.optimizer !== 'adam') throw new Error(`train: optimizer must be 'sgd-momentum' or 'adam', got '${String(s.optimizer)}'`);
  if (!(s.weightDecay >= 0)) throw new Error(`train: weightDecay must be >= 0, got ${s.weightDecay}`);
  if (!(s.momentum >= 0 && s.momentum < 1)) throw new Error(`train: momentum must be in [0, 1), got ${s.momentum}`);
  if (!(s.dropout >= 0 && s.dropout < 1)) throw new Error(`train: dropout must be in [0, 1), got ${s.dropout}`);
  const classes = o.graph.nodes.find((n) => n.name === o.graph.output)?.channels;
  if (classes !== o.dataset.classes.length) {
    throw new Error(`train: graph '${o.graph.name}' has ${classes} outputs but the dataset has ${o.dataset.classes.length} classes`);
  }
  return s;
}

/** Throws, naming every difference, when a checkpoint is not a run these options can continue. */
export function checkResumable(
  meta: CheckpointMeta,
  run: { graph: Graph; hash: string; seed: number; settings: TrainingSettings; classes: readonly string[]; checkpointDir: string },
): void {
  const problems: string[] = [];
  if (meta.graph.hash !== run.hash) problems.push(`it was trained on graph '${meta.graph.name}' (another structure than '${run.graph.name}')`);
  if (meta.seed !== run.seed) problems.push(`its seed is ${meta.seed}, not ${run.seed}`);
  for (const key of Object.keys(run.settings) as Array<keyof TrainingSettings>) {
    if (meta.settings[key] !== run.settings[key]) problems.push(`its ${key} is ${String(meta.settings[key])}, not ${String(run.settings[key])}`);
  }
  if (JSON.stringify(meta.classes) !== JSON.stringify(run.classes)) problems.push(`its classes are [${meta.classes.join(', ')}], the dataset's [${run.classes.join(', ')}]`);
  if (problems.length > 0) throw new Error(`train: cannot resume the checkpoint in '${run.checkpointDir}': ${problems.join('; ')}`);
}
