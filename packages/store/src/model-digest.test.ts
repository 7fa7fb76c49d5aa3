import { describe, expect, it } from 'vitest';
import { modelDigest } from './model-digest';
import { alexnetModel } from './testing/temp-store';

describe('modelDigest', () => {
  it('is the same for equal graphs and weights whatever the id and key order', () => {
    const a = alexnetModel('a');
    const b = { ...alexnetModel('b'), weights: { seed: 1, kind: 'seeded' } };
    expect(modelDigest(a)).toBe(modelDigest(b));
    expect(modelDigest(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with the weights and with the graph', () => {
    const a = alexnetModel();
    expect(modelDigest({ ...a, weights: { kind: 'seeded', seed: 2 } })).not.toBe(modelDigest(a));
    expect(modelDigest({ ...a, graph: { ...a.graph, name: 'other' } })).not.toBe(modelDigest(a));
  });
});
