import type { ModelSummary, ViewKind, WeightsKind } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { modelGroups } from './model-groups';
import { viewLinks } from './view-links';

const model = (id: string, kind: WeightsKind, views: ViewKind[] = ['ALEXNET']): ModelSummary => ({
  id,
  name: id,
  family: 'alexnet',
  inputShape: [3, 32, 32],
  weights: { kind, seed: null, dataset: null, epochs: null, fileName: null, sha256: null, readingNote: `note on ${kind}` },
  views,
});

describe('modelGroups', () => {
  it('lists trained, imported and random models in that order, each in catalogue order, with its reading note', () => {
    const groups = modelGroups([model('alexnet', 'SEEDED_RANDOM'), model('demo-2b', 'TRAINED_HERE'), model('demo-1b', 'TRAINED_HERE')]);
    expect(groups.map((g) => [g.kind, g.models.map((m) => m.id)])).toEqual([
      ['TRAINED_HERE', ['demo-2b', 'demo-1b']],
      ['IMPORTED', []],
      ['SEEDED_RANDOM', ['alexnet']],
    ]);
    expect(groups[0]?.about).toBe('note on TRAINED_HERE');
    expect(groups[1]?.about).toMatch(/import a pretrained model/);
  });
});

describe('viewLinks', () => {
  it("links each view the model has to its zone's URL with ?model=", () => {
    expect(viewLinks('demo split', ['ALEXNET', 'INCEPTION'])).toEqual([
      { view: 'ALEXNET', label: 'AlexNet view', href: '/alexnet?model=demo%20split' },
      { view: 'INCEPTION', label: 'Inception view', href: '/inception?model=demo%20split' },
    ]);
    expect(viewLinks('resnet50-v1', ['RESNET'])[0]?.href).toBe('/resnet?model=resnet50-v1');
  });
});
