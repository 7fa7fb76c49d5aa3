import type { FeatureVisualizationStatus, JobState, NeuronCell } from '@branchscope/client';
import type { LayerColumn } from './layer-columns';

/** What the layer's feature images are: how many units have each status, and the render job of a pending one. */
export interface LayerImageStatus {
  counts: Record<FeatureVisualizationStatus, number>;
  /** The render job of the first PENDING (or FAILED) unit, when any. */
  job: JobState | null;
}

/**
 * The columns with each cell's feature image: its URL when READY, null (a pending tile) otherwise; cells of units the
 * neurons page does not hold keep their number; a READY unit with a tile in `atlasIndexOf` (see `gridAtlas`) is drawn
 * from the grid's atlas. Also the layer's counts by status and its render job.
 */
export function withFeatureImages(
  columns: readonly LayerColumn[],
  neurons: readonly NeuronCell[],
  atlasIndexOf: ReadonlyMap<number, number> = new Map(),
): { columns: LayerColumn[]; status: LayerImageStatus } {
  const byUnit = new Map(neurons.map((n) => [n.unit, n.featureVisualization]));
  const counts: Record<FeatureVisualizationStatus, number> = { READY: 0, PENDING: 0, FAILED: 0, NOT_RENDERED: 0 };
  let job: JobState | null = null;
  for (const fv of byUnit.values()) {
    counts[fv.status] += 1;
    if (!job && fv.job && (fv.status === 'PENDING' || fv.status === 'FAILED')) job = fv.job;
  }
  return {
    columns: columns.map((column) => ({
      ...column,
      cells: column.cells.map((cell) => {
        const fv = byUnit.get(cell.unit);
        if (!fv) return cell;
        const index = fv.status === 'READY' ? atlasIndexOf.get(cell.unit) : undefined;
        return { ...cell, image: fv.status === 'READY' ? fv.url : null, ...(index === undefined ? {} : { atlasIndex: index }) };
      }),
    })),
    status: { counts, job },
  };
}
