import type { NeuronCell } from '@branchscope/client';
import type { UnitAtlas } from '@branchscope/ui';

/** Side of an atlas tile in pixels (a cell's image is drawn at 34 CSS pixels). */
export const ATLAS_TILE = 48;
/** Tiles per row of an atlas. */
export const ATLAS_COLUMNS = 32;
/** Most units the API puts in one atlas; a wider layer's further units keep their own image. */
export const ATLAS_MAX_UNITS = 1024;

/** `[0, 1, 2, 5]` -> `"0-2,5"`: the API's compact list of units. */
export function unitRanges(units: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; ) {
    let j = i;
    while (j + 1 < units.length && units[j + 1] === units[j]! + 1) j++;
    parts.push(j === i ? `${units[i]}` : `${units[i]}-${units[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** An atlas of a layer's stored feature images and each unit's tile in it. */
export interface GridAtlas {
  atlas: UnitAtlas;
  indexOf: Map<number, number>;
}

/**
 * One atlas of the layer's stored feature images (the API's `/artifacts/atlas/<model>/<layer>.png`, one request for
 * the whole grid instead of one per unit) and each READY unit's tile in it; null when no unit is READY or some unit is
 * PENDING. Units READY
 * with other render parameters than the first READY one get no tile and keep their own image.
 */
export function gridAtlas(modelId: string, layer: string, neurons: readonly NeuronCell[]): GridAtlas | null {
  // While a job renders the layer the page refreshes as images arrive; each refresh would name a new atlas for the API
  // to build, so until it ends the stored images come one request each.
  if (neurons.some((n) => n.featureVisualization.status === 'PENDING')) return null;
  const ready = neurons.filter((n) => n.featureVisualization.status === 'READY');
  const first = ready[0]?.featureVisualization;
  if (!first) return null;
  const same = ready
    .filter((n) => ['steps', 'size', 'seed', 'backend'].every((k) => n.featureVisualization[k as 'steps'] === first[k as 'steps']))
    .map((n) => n.unit)
    .sort((a, b) => a - b)
    .slice(0, ATLAS_MAX_UNITS);
  const query = new URLSearchParams({
    units: unitRanges(same),
    steps: String(first.steps),
    size: String(first.size),
    seed: String(first.seed),
    backend: first.backend,
    tile: String(ATLAS_TILE),
    columns: String(ATLAS_COLUMNS),
  });
  const src = `/artifacts/atlas/${encodeURIComponent(modelId)}/${encodeURIComponent(layer)}.png?${query}`;
  const atlas = { src, columns: Math.min(ATLAS_COLUMNS, same.length), rows: Math.ceil(same.length / ATLAS_COLUMNS) };
  return { atlas, indexOf: new Map(same.map((unit, index) => [unit, index])) };
}
