import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCheckpoint } from '../training/checkpoint';
import { checkpointWeightsSync } from './checkpoint-weights-sync';

describe('checkpointWeightsSync', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bs-ckpt-'));
    const meta = {
      graph: { name: 'g', hash: 'h' },
      classes: ['a', 'b'],
      epoch: 3,
      seed: 1,
      settings: { batchSize: 2, learningRate: 0.1, optimizer: 'adam' as const, weightDecay: 0, momentum: 0.9, dropout: 0, augment: true },
      optimizer: { name: 'adam', step: 6 },
      rng: { scheme: 'sfc32 keyed by seed/purpose/epoch' as const, seed: 1, nextEpoch: 3 },
      layers: { conv1: { op: 'conv' as const, group: 1, bias: true } },
      metrics: [],
    };
    const tensors = new Map([
      ['conv1/weight', { shape: [2, 1, 1, 1], data: Float32Array.of(0.5, -2) }],
      ['conv1/bias', { shape: [2], data: Float32Array.of(1, 2) }],
    ]);
    await writeCheckpoint(dir, meta, tensors);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads the conv weights and bias of a checkpoint folder', () => {
    const weights = checkpointWeightsSync(dir);
    expect(Array.from(weights.conv('conv1').data)).toEqual([0.5, -2]);
    expect(Array.from(weights.convBias('conv1'))).toEqual([1, 2]);
  });

  it('names the folder when it holds no checkpoint', () => {
    expect(() => checkpointWeightsSync(path.join(dir, 'missing'))).toThrow(/cannot read checkpoint '.*missing\/checkpoint\.json'/);
  });

  it('refuses numbers that do not match the checksum, naming the file', async () => {
    const meta = JSON.parse(await readFile(path.join(dir, 'checkpoint.json'), 'utf8')) as { weightsFile: string; sha256: string };
    await writeFile(path.join(dir, 'checkpoint.json'), JSON.stringify({ ...meta, sha256: '0'.repeat(64) }));
    expect(() => checkpointWeightsSync(dir)).toThrow(/do not match the checksum/);
  });
});
