import type { FeatureVisualization, NeuronCell } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { ATLAS_MAX_UNITS, gridAtlas, unitRanges } from './grid-atlas';

const fv = (status: FeatureVisualization['status'], size = 64): FeatureVisualization => ({
  status,
  url: status === 'READY' ? '/artifacts/x.png' : null,
  job: null,
  steps: 64,
  size,
  seed: 0,
  backend: 'ort+wasm',
});
const neuron = (unit: number, v: FeatureVisualization): NeuronCell => ({ id: `m/l/${unit}`, unit, block: null, branch: null, featureVisualization: v, labels: [] });

describe('unitRanges', () => {
  it('writes runs of consecutive units as ranges', () => {
    expect(unitRanges([0, 1, 2, 5, 7, 8])).toBe('0-2,5,7-8');
    expect(unitRanges([])).toBe('');
  });
});

describe('gridAtlas', () => {
  it('gives every READY unit with the first READY parameters its tile of one atlas URL, in unit order', () => {
    const grid = gridAtlas('inceptionv1', 'mixed3b', [neuron(3, fv('READY')), neuron(0, fv('READY')), neuron(1, fv('NOT_RENDERED')), neuron(2, fv('READY', 128))])!;
    expect([...grid.indexOf]).toEqual([[0, 0], [3, 1]]);
    expect(grid.atlas).toMatchObject({ columns: 2, rows: 1 });
    expect(grid.atlas.src).toBe('/artifacts/atlas/inceptionv1/mixed3b.png?units=0%2C3&steps=64&size=64&seed=0&backend=ort%2Bwasm&tile=48&columns=32');
  });

  it('puts at most the API\'s limit of units in one atlas; a wider layer\'s further units keep their own image', () => {
    const grid = gridAtlas('m', 'l', Array.from({ length: ATLAS_MAX_UNITS + 8 }, (_, unit) => neuron(unit, fv('READY'))))!;
    expect(grid.indexOf.size).toBe(ATLAS_MAX_UNITS);
    expect(grid.indexOf.has(ATLAS_MAX_UNITS)).toBe(false);
    expect(grid.atlas.src).toContain(`units=0-${ATLAS_MAX_UNITS - 1}&`);
  });

  it('is null when no unit is READY, or while a unit is PENDING (the page refreshes as images arrive)', () => {
    expect(gridAtlas('m', 'l', [neuron(0, fv('NOT_RENDERED'))])).toBeNull();
    expect(gridAtlas('m', 'l', [neuron(0, fv('READY')), neuron(1, fv('PENDING'))])).toBeNull();
  });
});
