import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainingRecord } from './training-record';

describe('trainingRecord', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'branchscope-training-record-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the committed demo model metadata: dataset, seed and epochs', () => {
    expect(trainingRecord('packages/training/demo-models/demo-small-alexnet-2b')).toEqual({
      dataset: 'data/datasets/natural-default (packages/training/scripts/build-default-dataset.ts)',
      seed: 10,
      epochs: 45,
    });
  });

  it('reads a committed demo model recorded at its path before packages/nn was split', () => {
    expect(trainingRecord('packages/nn/demo-models/demo-small-alexnet-2b')).toEqual(trainingRecord('packages/training/demo-models/demo-small-alexnet-2b'));
    expect(trainingRecord('packages/nn/demo-models/demo-small-alexnet-2b')?.seed).toBe(10);
  });

  it('gives null for a folder without meta.json and nulls for fields it does not record', () => {
    expect(trainingRecord(path.join(dir, 'none'))).toBeNull();
    const partial = path.join(dir, 'partial');
    mkdirSync(partial);
    writeFileSync(path.join(partial, 'meta.json'), JSON.stringify({ training: { epochs: 3 } }));
    expect(trainingRecord(partial)).toEqual({ dataset: null, seed: null, epochs: 3 });
  });
});
