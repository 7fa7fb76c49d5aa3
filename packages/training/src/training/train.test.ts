import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable } from '@branchscope/runtime';
import { maxAbsDiff } from '@branchscope/runtime/testing';
import { batchImages } from './batch-tensors';
import { CHECKPOINT_FILE, readCheckpoint, type CheckpointMeta } from './checkpoint';
import { checkpointWeights } from './checkpoint-weights';
import { gratingsDataset, tinyTrainGraph, useBackend } from './test-support';
import { evaluateWeights } from './evaluate';
import { train } from './train';
import { TrainableModel } from '@branchscope/runtime';
import type { TrainOptions, TrainProgress } from './training-types';

let root: string;
let runs = 0;
const freshDir = (): string => path.join(root, `run-${++runs}`);
const graph = tinyTrainGraph();
const dataset = gratingsDataset({ count: 12, size: 10, cropSize: 8, seed: 'train-test' });
const base = (over: Partial<TrainOptions> = {}): TrainOptions => ({
  graph,
  dataset,
  seed: 11,
  epochs: 2,
  batchSize: 4,
  learningRate: 0.01,
  optimizer: 'adam',
  weightDecay: 1e-3,
  checkpointDir: freshDir(),
  ...over,
});
const bytes = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const binary = async (dir: string): Promise<Buffer> => {
  const meta = JSON.parse(await readFile(path.join(dir, CHECKPOINT_FILE), 'utf8')) as CheckpointMeta;
  return readFile(path.join(dir, meta.weightsFile));
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nn-train-'));
  await useBackend('wasm');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('train', () => {
  it('ends with byte-identical weights and optimizer state when 1 epoch is resumed for a second', async () => {
    const straight = base();
    await train(straight);
    const split = base({ epochs: 1 });
    await train(split);
    const resumed = await train({ ...split, epochs: 2, resume: true });
    expect(resumed.resumedFrom).toBe(1);
    expect((await binary(split.checkpointDir)).equals(await binary(straight.checkpointDir))).toBe(true);
  });

  it('resumes a run killed mid-epoch from its last checkpoint to the same final bytes (SGD with momentum)', async () => {
    const straight = base({ optimizer: 'sgd-momentum', epochs: 3 });
    await train(straight);
    const killed = base({ optimizer: 'sgd-momentum', epochs: 3 });
    const controller = new AbortController();
    const onProgress = (p: TrainProgress) => p.epoch === 2 && p.batch === 2 && controller.abort();
    await expect(train({ ...killed, signal: controller.signal, onProgress })).rejects.toThrow('aborted at epoch 2 batch 3; the last checkpoint');
    expect((await readCheckpoint(killed.checkpointDir))!.meta.epoch).toBe(1);
    await train({ ...killed, resume: true });
    expect((await binary(killed.checkpointDir)).equals(await binary(straight.checkpointDir))).toBe(true);
  });

  it('reports every batch with its epoch, batch, loss, accuracy and throughput', async () => {
    const seen: TrainProgress[] = [];
    await train(base({ onProgress: (p) => seen.push(p) }));
    expect(seen.map((p) => [p.epoch, p.batch, p.batches, p.step])).toEqual([
      [1, 1, 3, 1],
      [1, 2, 3, 2],
      [1, 3, 3, 3],
      [2, 1, 3, 4],
      [2, 2, 3, 5],
      [2, 3, 3, 6],
    ]);
    for (const p of seen) {
      expect(p.loss).toBeGreaterThan(0);
      expect(p.accuracy).toBeGreaterThanOrEqual(0);
      expect(p.accuracy).toBeLessThanOrEqual(1);
      expect(p.imagesPerSecond).toBeGreaterThan(0);
    }
  });

  it('writes one checkpoint.json and one weights file, with epoch, seed, optimizer, rng, graph and metrics', async () => {
    const options = base({ heldOut: dataset });
    await train(options);
    expect((await readdir(options.checkpointDir)).sort()).toEqual(['checkpoint-0002.bin', 'checkpoint.json']);
    const { meta, tensors } = (await readCheckpoint(options.checkpointDir))!;
    expect(meta).toMatchObject({ epoch: 2, seed: 11, optimizer: { name: 'adam', step: 6 }, rng: { seed: 11, nextEpoch: 2 }, graph: { name: 'tiny trainable' } });
    expect(meta.metrics.map((m) => m.epoch)).toEqual([1, 2]);
    expect(meta.metrics[1].heldOutAccuracy).toBeGreaterThanOrEqual(0);
    expect([...tensors.keys()]).toContain('m:c1/weight');
    expect([...tensors.keys()]).toContain('bn1/variance');
  });

  it('exports weights that the executor runs to the trained model\'s own eval-mode probabilities within 1e-5', async () => {
    const options = base();
    const result = await train(options);
    const fromDisk = await checkpointWeights(options.checkpointDir);
    expect(bytes(fromDisk.conv('c2').data).equals(bytes(result.weights.conv('c2').data))).toBe(true);
    expect(fromDisk.conv('c2')).toMatchObject({ shape: [4, 2, 3, 3], group: 2 });
    expect(fromDisk.batchnorm('bn1').mean.some((v) => v !== 0)).toBe(true);
    const [batch] = dataset.batches({ seed: 0, epoch: 0, batchSize: 12, augment: false, shuffle: false });
    const x = batchImages(batch, graph.inputRange);
    const executable = buildExecutable(graph, fromDisk);
    const trainable = new TrainableModel(graph, fromDisk);
    const [viaExecutor, viaTrainable] = [executable.predict(x).prob, tf.tidy(() => tf.softmax(trainable.forward(x, { training: false })))];
    expect(maxAbsDiff(viaExecutor.dataSync(), viaTrainable.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, viaExecutor, viaTrainable]);
    executable.dispose();
    trainable.dispose();
  });

  it('evaluates exported weights to the held-out figures of the last epoch', async () => {
    const result = await train(base({ heldOut: dataset }));
    const last = result.metrics[result.metrics.length - 1];
    expect(evaluateWeights(graph, result.weights, dataset, { batchSize: 4 })).toEqual({ loss: last.heldOutLoss, accuracy: last.heldOutAccuracy });
  });

  it('leaves no tensor behind', async () => {
    await train(base({ epochs: 1 }));
    const before = tf.memory().numTensors;
    await train(base({ epochs: 1 }));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses to overwrite a checkpoint unless asked to resume', async () => {
    const options = base({ epochs: 1 });
    await train(options);
    await expect(train(options)).rejects.toThrow(`'${options.checkpointDir}' already holds a checkpoint (epoch 1); pass resume: true`);
  });

  it('names every setting that differs from the checkpoint it is asked to resume', async () => {
    const options = base({ epochs: 1 });
    await train(options);
    await expect(train({ ...options, seed: 12, learningRate: 0.02, resume: true })).rejects.toThrow(
      'its seed is 11, not 12; its learningRate is 0.01, not 0.02',
    );
  });

  it('rejects a damaged weights file, naming it', async () => {
    const options = base({ epochs: 1 });
    await train(options);
    const file = path.join(options.checkpointDir, 'checkpoint-0001.bin');
    const bytes = await readFile(file);
    bytes[5] ^= 0xff;
    await writeFile(file, bytes);
    await expect(checkpointWeights(options.checkpointDir)).rejects.toThrow(`checkpoint weights '${file}' do not match the checksum`);
  });

  it('names a dataset whose crops or classes do not fit the graph', async () => {
    const wrongCrop = gratingsDataset({ count: 4, size: 10, cropSize: 6, seed: 'x' });
    await expect(train(base({ dataset: wrongCrop }))).rejects.toThrow("graph 'tiny trainable' takes 8x8 inputs, the dataset gives 6px crops");
    await expect(train(base({ graph: tinyTrainGraph(3) }))).rejects.toThrow('has 3 outputs but the dataset has 4 classes');
  });
});
