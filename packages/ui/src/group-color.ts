import { schemeTableau10 } from 'd3';

/** Colour of points with no group. */
export const UNGROUPED_COLOR = '#8c8c8c';

/**
 * The colour of group `group` (0-based), shared by the points and the legend so the two always agree.
 * Groups beyond ten repeat the palette.
 */
export function groupColor(group: number | undefined): string {
  if (group === undefined) return UNGROUPED_COLOR;
  const palette = schemeTableau10;
  return palette[((group % palette.length) + palette.length) % palette.length] ?? UNGROUPED_COLOR;
}
