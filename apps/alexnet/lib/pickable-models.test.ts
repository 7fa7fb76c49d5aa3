import type { ModelSummary, WeightsKind } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { pickableModels } from './pickable-models';

const model = (id: string, kind: WeightsKind): ModelSummary => ({
  id,
  name: id,
  family: 'alexnet',
  inputShape: [3, 32, 32],
  weights: { kind, seed: null, dataset: null, epochs: null, fileName: null, sha256: null, readingNote: '' },
  views: ['ALEXNET'],
});

describe('pickableModels', () => {
  it('lists trained models first, then imported ones, then random ones, each group in catalogue order', () => {
    const picks = pickableModels([model('alexnet', 'SEEDED_RANDOM'), model('demo-2b', 'TRAINED_HERE'), model('mine', 'IMPORTED'), model('demo-1b', 'TRAINED_HERE')]);
    expect(picks.map((p) => [p.id, p.group])).toEqual([
      ['demo-2b', 'trained here'],
      ['demo-1b', 'trained here'],
      ['mine', 'imported'],
      ['alexnet', 'random weights'],
    ]);
  });
});
