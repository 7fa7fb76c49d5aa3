import type { FeatureVisualization, NeuronCell } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { atlasTiles, unitRanges } from './grid-atlas';

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

describe('atlasTiles', () => {
  it('gives every READY unit with the first READY parameters its tile of one atlas URL, in unit order', () => {
    const tiles = atlasTiles('inceptionv1', 'mixed3b', [neuron(3, fv('READY')), neuron(0, fv('READY')), neuron(1, fv('PENDING')), neuron(2, fv('READY', 128))]);
    expect([...tiles.keys()].sort()).toEqual([0, 3]);
    const tile = tiles.get(3)!;
    expect(tile).toMatchObject({ index: 1, columns: 2, rows: 1 });
    expect(tiles.get(0)!.src).toBe(tile.src);
    expect(tile.src).toBe('/artifacts/atlas/inceptionv1/mixed3b.png?units=0%2C3&steps=64&size=64&seed=0&backend=ort%2Bwasm&tile=48&columns=32');
  });

  it('gives no tiles when no unit is READY', () => {
    expect(atlasTiles('m', 'l', [neuron(0, fv('PENDING'))]).size).toBe(0);
  });
});
