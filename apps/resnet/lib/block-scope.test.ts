import type { Layer } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { FEATURE_IMAGES_PER_REQUEST, blockGridUnits, clusterScope, unitChunks } from './block-scope';
import type { ResidualBlockRow } from './residual-blocks';

const layer = (name: string, op: string, units: number): Layer => ({ name, op, units, inputs: [], kernel: null, strides: null, group: null });

function row(layers: string[], units = 64): ResidualBlockRow {
  return { name: 'b1', stage: 'stage1', units, unitsLayer: layers.at(-1) ?? 'x', streamUnits: 256, projection: null, layers };
}

describe('blockGridUnits', () => {
  it('takes every unit of the branch, in order', () => {
    expect(blockGridUnits(row([], 512))).toHaveLength(512);
    expect(blockGridUnits(row([], 512)).at(-1)).toBe(511);
    expect(blockGridUnits(row([], 3))).toEqual([0, 1, 2]);
  });
});

describe('unitChunks', () => {
  it('cuts units into requests of at most FEATURE_IMAGES_PER_REQUEST, in order', () => {
    const chunks = unitChunks(blockGridUnits(row([], 130)));
    expect(chunks.map((c) => c.length)).toEqual([FEATURE_IMAGES_PER_REQUEST, FEATURE_IMAGES_PER_REQUEST, 2]);
    expect(chunks.flat()).toEqual(blockGridUnits(row([], 130)));
    expect(unitChunks([5, 6, 7], 2)).toEqual([[5, 6], [7]]);
    expect(unitChunks([])).toEqual([]);
  });

  it('names a size that is not a positive integer', () => {
    expect(() => unitChunks([1], 0)).toThrow('unitChunks: size must be a positive integer, got 0');
  });
});

describe('clusterScope', () => {
  it("clusters the branch's conv layers in order, skipping batch norms and activations", () => {
    const layers = [layer('c1', 'conv', 64), layer('bn1', 'batchnorm', 64), layer('r1', 'relu', 64), layer('c2', 'conv', 64), layer('c3', 'conv', 256)];
    expect(clusterScope({ layers }, row(['c1', 'bn1', 'r1', 'c2', 'c3']))).toEqual({ ok: true, layers: ['c1', 'c2', 'c3'], layerSizes: [64, 64, 256], units: 384, k: 4 });
  });

  it('says plainly when a branch has one conv', () => {
    const scope = clusterScope({ layers: [layer('c1', 'conv', 64), layer('r1', 'relu', 64)] }, row(['c1', 'r1']));
    expect(scope).toMatchObject({ ok: false, reason: 'b1 has one conv layer (c1) in its branch: an n-cut needs the weights between at least two' });
  });

  it('says plainly when a block has too few units', () => {
    const scope = clusterScope({ layers: [layer('c1', 'conv', 4), layer('c2', 'conv', 4)] }, row(['c1', 'c2'], 4));
    expect(scope).toMatchObject({ ok: false, reason: 'b1 has too few units to cluster: 8 in c1, c2, fewer than 4 per cluster for k = 4' });
  });
});
