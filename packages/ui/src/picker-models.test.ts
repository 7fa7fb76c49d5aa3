import { describe, expect, it } from 'vitest';
import { pickerModels } from './picker-models';

const model = (id: string, kind: string) => ({ id, name: id, weights: { kind } });

describe('pickerModels', () => {
  it('lists trained models first, then imported ones, then random ones, each group in catalogue order', () => {
    const picks = pickerModels([model('alexnet', 'SEEDED_RANDOM'), model('demo-2b', 'TRAINED_HERE'), model('mine', 'IMPORTED'), model('demo-1b', 'TRAINED_HERE')]);
    expect(picks.map((p) => [p.id, p.group])).toEqual([
      ['demo-2b', 'trained here'],
      ['demo-1b', 'trained here'],
      ['mine', 'imported'],
      ['alexnet', 'random weights'],
    ]);
  });

  it('keeps a model of a kind it does not know, last', () => {
    expect(pickerModels([model('x', 'SOMETHING_NEW'), model('a', 'IMPORTED')]).map((p) => [p.id, p.group])).toEqual([
      ['a', 'imported'],
      ['x', 'something_new'],
    ]);
  });
});
