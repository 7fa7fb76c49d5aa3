import { describe, expect, it } from 'vitest';
import type { ModelWeights } from './types';
import { weightsSummary } from './weights-summary';

const none = { seed: null, dataset: null, epochs: null, fileName: null, sha256: null, readingNote: '' };

describe('weightsSummary', () => {
  it('gives the seed of random weights', () => {
    expect(weightsSummary({ ...none, kind: 'SEEDED_RANDOM', seed: 1 })).toBe('random weights, seed 1');
  });

  it('says how a model was trained here, with the short name of its dataset', () => {
    const weights: ModelWeights = {
      ...none,
      kind: 'TRAINED_HERE',
      seed: 10,
      epochs: 45,
      dataset: 'data/datasets/natural-default (packages/training/scripts/build-default-dataset.ts)',
    };
    expect(weightsSummary(weights)).toBe('trained here on natural-default, seed 10, 45 epochs');
    expect(weightsSummary({ ...none, kind: 'TRAINED_HERE' })).toBe('trained here');
  });

  it('names the imported file and the start of its digest', () => {
    expect(weightsSummary({ ...none, kind: 'IMPORTED', fileName: 'bvlcalexnet-12.onnx', sha256: '5f0c2c3e9a'.padEnd(64, '0') })).toBe(
      'imported from bvlcalexnet-12.onnx (sha256 5f0c2c3e…)',
    );
  });
});
