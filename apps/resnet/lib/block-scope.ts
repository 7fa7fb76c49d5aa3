import type { ModelDetail } from '@branchscope/client';
import type { ResidualBlockRow } from './residual-blocks';

/**
 * Most units one `featureImages` request may name (the API's render limit): the grid of a block with more units (a
 * ResNet-50 stage-4 block has 512) asks in requests of this many.
 */
export const FEATURE_IMAGES_PER_REQUEST = 64;

/**
 * Feature-image parameters of the block grids: small, because the worker renders on the CPU. Part of every image's
 * content key: changing them renders anew.
 */
export const BLOCK_FEATURE_PARAMS = Object.freeze({ steps: 64, size: 64, seed: 0 });

/** Clusters of the block's n-cut; the shuffle test's number of shuffled networks and its seed. */
export const BLOCK_CLUSTERS = 4;
export const BLOCK_SHUFFLES = 20;
export const BLOCK_SHUFFLE_SEED = 0;

/** Fewer units than this per cluster and an n-cut says little: the clusters are a handful of units each. */
export const MIN_UNITS_PER_CLUSTER = 4;

/** The units the block's grid shows, in order: every unit of its branch's unit layer. */
export function blockGridUnits(row: ResidualBlockRow): number[] {
  return Array.from({ length: row.units }, (_, i) => i);
}

/**
 * `units` cut, in order, into runs of at most `size` (the last one shorter).
 *
 * @throws Error naming `size` when it is not a positive integer.
 */
export function unitChunks(units: readonly number[], size = FEATURE_IMAGES_PER_REQUEST): number[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`unitChunks: size must be a positive integer, got ${size}`);
  const chunks: number[][] = [];
  for (let i = 0; i < units.length; i += size) chunks.push(units.slice(i, i + size));
  return chunks;
}

/** What the block's clusterability is computed on, or why it is not computed. */
export type ClusterScope =
  | { ok: true; layers: string[]; layerSizes: number[]; units: number; k: number }
  | { ok: false; layers: string[]; reason: string };

/**
 * The block's conv layers in branch order (its n-cut graph: |W| between consecutive convs) with k, or the plain reason
 * there is nothing to cluster: fewer than two convs (no weights between layers inside the block) or fewer than
 * {@link MIN_UNITS_PER_CLUSTER} × k units.
 */
export function clusterScope(model: Pick<ModelDetail, 'layers'>, row: ResidualBlockRow): ClusterScope {
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const convs = row.layers.map((name) => byName.get(name)).filter((l) => l !== undefined && l.op === 'conv');
  const layers = convs.map((l) => l!.name);
  if (layers.length < 2) {
    return {
      ok: false,
      layers,
      reason: `${row.name} has ${layers.length === 0 ? 'no conv layer' : `one conv layer (${layers[0]})`} in its branch: an n-cut needs the weights between at least two`,
    };
  }
  const layerSizes = convs.map((l) => l!.units);
  const units = layerSizes.reduce((a, b) => a + b, 0);
  if (units < MIN_UNITS_PER_CLUSTER * BLOCK_CLUSTERS) {
    return {
      ok: false,
      layers,
      reason: `${row.name} has too few units to cluster: ${units} in ${layers.join(', ')}, fewer than ${MIN_UNITS_PER_CLUSTER} per cluster for k = ${BLOCK_CLUSTERS}`,
    };
  }
  return { ok: true, layers, layerSizes, units, k: BLOCK_CLUSTERS };
}
