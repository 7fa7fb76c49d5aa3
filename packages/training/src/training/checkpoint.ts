import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EpochMetrics, TrainingSettings } from './training-types';
import type { LayerInfo } from '@branchscope/runtime';

export const CHECKPOINT_FILE = 'checkpoint.json';
const FORMAT = 'branchscope-checkpoint';

export interface NamedArray {
  shape: number[];
  data: Float32Array;
}

/** checkpoint.json: everything but the numbers, which are float32 little-endian in `weightsFile`. */
export interface CheckpointMeta {
  format: typeof FORMAT;
  version: 1;
  graph: { name: string; hash: string };
  classes: string[];
  /** Epochs completed. */
  epoch: number;
  seed: number;
  settings: TrainingSettings;
  optimizer: { name: string; step: number };
  /** Every random draw is keyed by (seed, purpose, epoch[, batch]), so the next epoch's number is the whole state. */
  rng: { scheme: 'sfc32 keyed by seed/purpose/epoch'; seed: number; nextEpoch: number };
  layers: Record<string, LayerInfo>;
  /** Parameters and statistics (`<layer>/<kind>`) and optimizer slots (`<slot>:<layer>/<kind>`). */
  tensors: Array<{ name: string; shape: number[]; offset: number }>;
  weightsFile: string;
  sha256: string;
  metrics: EpochMetrics[];
}

export interface Checkpoint {
  meta: CheckpointMeta;
  tensors: Map<string, NamedArray>;
}

/** Writes `data` under a temporary name, flushes it, then renames it into place: readers see all or nothing. */
async function writeAtomic(file: string, data: Uint8Array): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/**
 * Writes a checkpoint atomically: the numbers go to a new `checkpoint-<epoch>.bin`, then `checkpoint.json`
 * is replaced by one naming it (the commit point), then older .bin files are removed. A crash at any moment
 * leaves the previous checkpoint or the new one, whole.
 */
export async function writeCheckpoint(dir: string, meta: Omit<CheckpointMeta, 'format' | 'version' | 'tensors' | 'weightsFile' | 'sha256'>, tensors: Map<string, NamedArray>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const total = [...tensors.values()].reduce((s, t) => s + t.data.length, 0);
  const numbers = new Float32Array(total);
  const index: CheckpointMeta['tensors'] = [];
  let offset = 0;
  for (const [name, t] of tensors) {
    numbers.set(t.data, offset);
    index.push({ name, shape: t.shape, offset });
    offset += t.data.length;
  }
  // Float32Array bytes are platform-endian; every platform Node runs on is little-endian.
  const bytes = new Uint8Array(numbers.buffer);
  const weightsFile = `checkpoint-${String(meta.epoch).padStart(4, '0')}.bin`;
  await writeAtomic(path.join(dir, weightsFile), bytes);
  const full: CheckpointMeta = { format: FORMAT, version: 1, ...meta, tensors: index, weightsFile, sha256: createHash('sha256').update(bytes).digest('hex') };
  await writeAtomic(path.join(dir, CHECKPOINT_FILE), new TextEncoder().encode(JSON.stringify(full, null, 1)));
  for (const name of await readdir(dir)) {
    if (/^checkpoint-\d+\.bin(\.tmp-\d+)?$/.test(name) && name !== weightsFile) await rm(path.join(dir, name), { force: true });
  }
}

/** Reads the checkpoint in `dir`, or undefined when there is none; a damaged one is an error naming the file. */
export async function readCheckpoint(dir: string): Promise<Checkpoint | undefined> {
  const metaFile = path.join(dir, CHECKPOINT_FILE);
  let text: string;
  try {
    text = await readFile(metaFile, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return undefined;
    throw new Error(`cannot read checkpoint '${metaFile}': ${(err as Error).message}`);
  }
  const meta = parseCheckpointMeta(metaFile, text);
  const binFile = path.join(dir, meta.weightsFile);
  const bytes = await readFile(binFile).catch((err: Error) => {
    throw new Error(`checkpoint '${metaFile}' names '${meta.weightsFile}', which cannot be read: ${err.message}`);
  });
  return { meta, tensors: checkpointTensors(meta, bytes, metaFile, binFile) };
}

/** The meta of a checkpoint from its JSON text; an error naming the file when it is not a version 1 checkpoint. */
export function parseCheckpointMeta(metaFile: string, text: string): CheckpointMeta {
  let meta: CheckpointMeta;
  try {
    meta = JSON.parse(text) as CheckpointMeta;
  } catch (err) {
    throw new Error(`checkpoint '${metaFile}' is not valid JSON: ${(err as Error).message}`);
  }
  if (meta.format !== FORMAT || meta.version !== 1) throw new Error(`'${metaFile}' is not a version 1 ${FORMAT} file`);
  return meta;
}

/** The named tensors of a checkpoint's weights bytes, after checking their sha256 and every tensor's extent. */
export function checkpointTensors(meta: CheckpointMeta, bytes: Uint8Array, metaFile: string, binFile: string): Map<string, NamedArray> {
  if (createHash('sha256').update(bytes).digest('hex') !== meta.sha256) throw new Error(`checkpoint weights '${binFile}' do not match the checksum in '${metaFile}'`);
  const numbers = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const tensors = new Map<string, NamedArray>();
  for (const { name, shape, offset } of meta.tensors) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + size > numbers.length) throw new Error(`checkpoint '${binFile}' is too short for tensor '${name}'`);
    tensors.set(name, { shape, data: numbers.subarray(offset, offset + size) });
  }
  return tensors;
}
