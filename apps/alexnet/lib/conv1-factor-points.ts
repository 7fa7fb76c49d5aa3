import type { SvdFactors } from '@branchscope/client';
import type { ScatterPoint } from '@branchscope/ui';
import type { FilterColumn } from './resolve-alexnet-model';

export interface FactorPointOptions {
  /** The view's filter columns: a unit's group is the column holding it when there are several. */
  columns: FilterColumn[];
  /** Colour index per unit of `from`, for shading the points of an unbranched layer (by `fill`). */
  colorIndexOf?: ReadonlyMap<number, number>;
  /** The fill for a colour index (the ramp the filters' bars use). */
  fillOf?: (colorIndex: number) => string;
  /** `color`: shade every point by its colour index, branched or not (no groups then). Default `branch`. */
  colorBy?: 'branch' | 'color';
  /** The filter image per unit: points with one are drawn as it (the article's Figure 6). */
  imageOf?: ReadonlyMap<number, string>;
}

/**
 * The `from` units of `svd` as scatter points placed by their first two factors. With several columns (branches)
 * each point's group is its column; with one (an unbranched layer), or with `colorBy: 'color'`, points have no group
 * and, given colour indices, are shaded by their filter's colour index, so a colour/grey split along a singular vector
 * shows. Given `imageOf`, each point carries its filter's image.
 *
 * @throws Error naming the unit when it has fewer than two factors.
 */
export function conv1FactorPoints(svd: SvdFactors, { columns, colorIndexOf, fillOf, colorBy = 'branch', imageOf }: FactorPointOptions): ScatterPoint[] {
  const branched = columns.length > 1;
  const shaded = !branched || colorBy === 'color';
  return svd.fromUnits.map(({ unit, factors }) => {
    const [x, y] = factors;
    if (x === undefined || y === undefined) {
      throw new Error(`${svd.from} unit ${unit} has ${factors.length} factor(s); the scatter needs 2`);
    }
    const column = branched ? columns.find((c) => unit >= c.units.start && unit < c.units.end) : undefined;
    const colorIndex = colorIndexOf?.get(unit);
    const where = column ? ` (${column.relation})` : '';
    const shade = colorIndex === undefined ? '' : `, colour index ${colorIndex.toFixed(2)}`;
    return {
      id: unit,
      x,
      y,
      group: colorBy === 'color' ? undefined : column?.index,
      fill: shaded && colorIndex !== undefined && fillOf ? fillOf(colorIndex) : undefined,
      image: imageOf?.get(unit),
      label: `${svd.from} unit ${unit}${where}: ${x.toFixed(3)}, ${y.toFixed(3)}${shade}`,
    };
  });
}

/** Legend names of the columns, indexed by branch (none for a single column). */
export function columnNames(columns: FilterColumn[]): string[] {
  if (columns.length < 2) return [];
  const names: string[] = [];
  for (const column of columns) names[column.index] = column.relation;
  return names;
}
