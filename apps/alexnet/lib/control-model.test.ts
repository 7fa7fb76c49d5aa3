import type { ModelSummary } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { controlModelFor } from './control-model';

const summary = (id: string, kind: ModelSummary['weights']['kind'] = 'TRAINED_HERE'): ModelSummary => ({
  id,
  name: id,
  family: 'alexnet',
  inputShape: [3, 32, 32],
  weights: { kind, seed: 1, dataset: null, epochs: null, fileName: null, sha256: null, readingNote: '' },
  views: ['ALEXNET'],
});
const choices = ['demo-small-alexnet-2b', 'demo-small-alexnet-1b', 'split-first-layer-4b', 'alexnet'].map((id) => summary(id));

describe('controlModelFor', () => {
  it('pairs <name>-Nb with <name>-1b when the catalogue has it', () => {
    expect(controlModelFor('demo-small-alexnet-2b', choices)?.id).toBe('demo-small-alexnet-1b');
  });

  it('finds none when the control is not in the catalogue, for a control itself, or for an id outside the rule', () => {
    expect(controlModelFor('split-first-layer-4b', choices)).toBeNull();
    expect(controlModelFor('demo-small-alexnet-1b', choices)).toBeNull();
    expect(controlModelFor('alexnet', choices)).toBeNull();
  });

  it('pairs only weights of the same kind: a random-weights model is no control of a trained one', () => {
    expect(controlModelFor('small-alexnet-2b', [summary('small-alexnet-2b'), summary('small-alexnet-1b', 'SEEDED_RANDOM')])).toBeNull();
  });
});
