import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { smallAlexnetGraph, type Graph } from '@branchscope/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FILE, readCheckpoint, type CheckpointMeta } from './checkpoint';
import { evaluateWeights } from './evaluate';
import { gratingsDataset, tinyTrainGraph, useBackend } from './test-support';
import { train } from './train';
import type { TrainOptions } from './training-types';

let root: string;
let runs = 0;
const freshDir = (): string => path.join(root, `run-${++runs}`);
const tiny = tinyTrainGraph();
const dataset = gratingsDataset({ count: 12, size: 10, cropSize: 8, seed: 'train-ort-test' });
const base = (over: Partial<TrainOptions> = {}): TrainOptions => ({
  graph: tiny,
  dataset,
  seed: 11,
  epochs: 1,
  batchSize: 4,
  learningRate: 0.01,
  optimizer: 'adam',
  weightDecay: 1e-3,
  checkpointDir: freshDir(),
  ...over,
});

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nn-train-ort-'));
  await useBackend('wasm');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A conv's bias feeding a batch norm: its gradient is zero in exact arithmetic, so both engines hold rounding noise. */
function noiseOnly(graph: Graph, tensor: string): boolean {
  const [layer, kind] = tensor.slice(tensor.indexOf(':') + 1).split('/');
  if (kind !== 'bias' || graph.nodes.find((n) => n.name === layer)?.op !== 'conv') return false;
  return graph.nodes.filter((n) => n.inputs.includes(layer!)).every((n) => n.op === 'batchnorm');
}

/** Both engines from the same seed, batches and masks; every checkpointed tensor (weights, statistics, slots) by name. */
async function bothEngines(over: Partial<TrainOptions>): Promise<Array<{ name: string; error: number; scale: number; noise: boolean }>> {
  const reference = base({ ...over, engine: 'tfjs' });
  const ort = base({ ...over, engine: 'ort' });
  await train(reference);
  await train(ort);
  const a = (await readCheckpoint(reference.checkpointDir))!;
  const b = (await readCheckpoint(ort.checkpointDir))!;
  expect([...b.tensors.keys()].sort()).toEqual([...a.tensors.keys()].sort());
  expect(b.meta.optimizer.step).toBe(a.meta.optimizer.step);
  return [...a.tensors].map(([name, t]) => {
    const other = b.tensors.get(name)!.data;
    let error = 0;
    let scale = 0;
    t.data.forEach((x, i) => {
      error = Math.max(error, Math.abs(x - other[i]!));
      scale = Math.max(scale, Math.abs(x));
    });
    return { name, error, scale, noise: noiseOnly(reference.graph, name) };
  });
}

describe("train with engine 'ort'", () => {
  it('updates the weights, running statistics and momentum as TF.js does, within 1e-4 relative, over 3 SGD steps with dropout', async () => {
    const tensors = await bothEngines({ optimizer: 'sgd-momentum', dropout: 0.5 });
    expect(tensors.length).toBeGreaterThan(10);
    for (const { name, error, scale, noise } of tensors) {
      const ok = noise ? error < 1e-6 : error <= 1e-4 * scale;
      expect({ name, ok, error, scale }).toEqual({ name, ok: true, error, scale });
    }
  });

  it('matches TF.js within 1e-4 relative over 3 Adam steps with weight decay (the bias before a batch norm aside)', async () => {
    // Adam divides by the root of the squared gradient, so a gradient of pure rounding noise takes full-size steps
    // of arbitrary sign in either engine: the conv bias feeding bn1 is left out, and so is bn1's running mean,
    // which averages that bias into the batch means.
    const tensors = await bothEngines({ optimizer: 'adam' });
    expect(tensors.filter((t) => t.noise).map((t) => t.name).sort()).toEqual(['c1/bias', 'm:c1/bias', 'v:c1/bias']);
    for (const { name, error, scale, noise } of tensors) {
      if (noise || name === 'bn1/mean') continue;
      expect({ name, ok: error <= 1e-4 * scale, error, scale }).toEqual({ name, ok: true, error, scale });
    }
  });

  it('agrees with TF.js on the small 2-branch AlexNet (grouped convs, LRN, dropout) after 2 SGD steps', { timeout: 180_000 }, async () => {
    const graph = smallAlexnetGraph({ branches: 2, classes: 4, inputSize: 32 });
    const images = gratingsDataset({ count: 4, size: 34, cropSize: 32, seed: 'train-ort-alexnet' });
    const tensors = await bothEngines({ graph, dataset: images, batchSize: 2, optimizer: 'sgd-momentum', learningRate: 0.01 });
    for (const { name, error, scale, noise } of tensors) {
      const ok = noise ? error < 1e-6 : error <= 1e-4 * scale;
      expect({ name, ok, error, scale }).toEqual({ name, ok: true, error, scale });
    }
  });

  it('lowers the loss over 6 epochs', async () => {
    const losses: number[] = [];
    await train(base({ engine: 'ort', epochs: 6, onEpoch: (m) => losses.push(m.loss), dataset: gratingsDataset({ count: 32, size: 10, cropSize: 8, seed: 'train-ort-loss' }) }));
    expect(losses).toHaveLength(6);
    expect(losses[5]!).toBeLessThan(0.8 * losses[0]!);
  });

  it('resumes after an epoch to the bytes an uninterrupted run ends with', async () => {
    const straight = base({ engine: 'ort', epochs: 2 });
    await train(straight);
    const split = base({ engine: 'ort', epochs: 1 });
    await train(split);
    const resumed = await train({ ...split, epochs: 2, resume: true });
    expect(resumed.resumedFrom).toBe(1);
    const bin = async (dir: string): Promise<Buffer> => {
      const meta = JSON.parse(await readFile(path.join(dir, CHECKPOINT_FILE), 'utf8')) as CheckpointMeta;
      return readFile(path.join(dir, meta.weightsFile));
    };
    expect((await bin(split.checkpointDir)).equals(await bin(straight.checkpointDir))).toBe(true);
  });

  it('evaluates held-out data as TF.js does from the same weights, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const result = await train(base({ engine: 'ort', heldOut: dataset }));
    expect(tf.memory().numTensors).toBe(before);
    const last = result.metrics[result.metrics.length - 1]!;
    expect(evaluateWeights(tiny, result.weights, dataset, { batchSize: 4 })).toEqual({ loss: last.heldOutLoss, accuracy: last.heldOutAccuracy });
  });

  it('names an unknown engine', async () => {
    await expect(train(base({ engine: 'torch' as 'ort' }))).rejects.toThrow("train: engine must be 'tfjs' or 'ort', got 'torch'");
  });
});
