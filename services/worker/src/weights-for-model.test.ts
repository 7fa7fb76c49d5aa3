import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { modelId, smallAlexnetGraph } from '@branchscope/core';
import { imageDataset, train } from '@branchscope/training';
import type { ModelRecord } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weightsForModel } from './weights-for-model';

const graph = smallAlexnetGraph({ branches: 2, classes: 2 });
const record = (weights: ModelRecord['weights']): ModelRecord => ({ id: modelId('demo'), name: 'demo', family: 'alexnet', graph, weights, createdAt: '' });

describe('weightsForModel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bs-weights-'));
    // One epoch on four flat images is enough to make a checkpoint whose conv2 differs from the seeded one.
    const images = [0, 1, 2, 3].map((i) => ({ file: `img${i}`, label: i % 2, width: 32, height: 32, data: new Uint8Array(32 * 32 * 3).fill(40 + 50 * i) }));
    await train({ graph, dataset: imageDataset({ classes: ['a', 'b'], images, cropSize: 32 }), seed: 1, epochs: 1, batchSize: 4, learningRate: 0.05, optimizer: 'adam', checkpointDir: dir });
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads checkpoint weights from the folder a record points at', () => {
    const trained = weightsForModel(record({ kind: 'checkpoint', path: dir }), graph).conv('conv2');
    const seeded = weightsForModel(record({ kind: 'seeded', seed: 1 }), graph).conv('conv2');
    expect(trained.shape).toEqual(seeded.shape);
    expect(trained.data.some((v, i) => Math.abs(v - seeded.data[i]!) > 1e-3)).toBe(true);
  });

  it('reads a committed demo model recorded at its path before packages/nn was split', () => {
    const moved = weightsForModel(record({ kind: 'checkpoint', path: 'packages/nn/demo-models/demo-small-alexnet-2b' }), graph).conv('conv2');
    const current = weightsForModel(record({ kind: 'checkpoint', path: 'packages/training/demo-models/demo-small-alexnet-2b' }), graph).conv('conv2');
    expect(moved.data).toEqual(current.data);
    expect(() => weightsForModel(record({ kind: 'checkpoint', path: 'packages/nn/demo-models/no-such-model' }), graph)).toThrow(/model 'demo': cannot read checkpoint/);
  });

  it('names the model when its checkpoint folder is missing', () => {
    expect(() => weightsForModel(record({ kind: 'checkpoint', path: path.join(dir, 'gone') }), graph)).toThrow(/model 'demo': cannot read checkpoint/);
  });

  it('lists the supported kinds for any other kind', () => {
    expect(() => weightsForModel(record({ kind: 'onnx', file: 'x.onnx' }), graph)).toThrow(/supported: seeded, checkpoint/);
  });
});
