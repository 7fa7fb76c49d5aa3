import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './demo-models';

/** How a model trained here was trained, as its committed `meta.json` records it. */
export interface TrainingRecord {
  /** The dataset, as recorded (e.g. `data/datasets/natural-default (packages/training/scripts/build-default-dataset.ts)`). */
  dataset: string | null;
  /** The training run's seed (initial weights and data order). */
  seed: number | null;
  epochs: number | null;
}

const cache = new Map<string, TrainingRecord | null>();

/** Committed folders that moved, old prefix to new: a database written before keeps the old relative paths. */
const MOVED_FOLDERS: ReadonlyArray<readonly [string, string]> = [['packages/nn/demo-models/', 'packages/training/demo-models/']];

/**
 * The training record of a checkpoint folder (a path as model records hold it, relative to the repository root or
 * absolute): the `dataset`, `seed` and `epochs` of the `meta.json` that `packages/training/scripts/export-demo-model.ts`
 * writes beside the checkpoint, each null when not recorded. Null when the folder has no readable `meta.json`.
 * Read once per folder and process: the worker reads the weights from the same folder.
 */
export function trainingRecord(checkpointPath: string): TrainingRecord | null {
  const moved = MOVED_FOLDERS.find(([from]) => checkpointPath.startsWith(from));
  const folder = path.resolve(REPO_ROOT, moved ? moved[1] + checkpointPath.slice(moved[0].length) : checkpointPath);
  if (cache.has(folder)) return cache.get(folder)!;
  const record = readTrainingRecord(path.join(folder, 'meta.json'));
  cache.set(folder, record);
  return record;
}

function readTrainingRecord(file: string): TrainingRecord | null {
  if (!existsSync(file)) return null;
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  const training = (meta.training ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const whole = (value: unknown) => (Number.isInteger(value) ? (value as number) : null);
  return { dataset: text(meta.dataset), seed: whole(meta.seed), epochs: whole(meta.epochs ?? training.epochs) };
}
