/** How the scatter draws the first layer's units: coloured by branch, shaded by colour index, or as their filters' images. */
export type ScatterMode = 'branch' | 'color' | 'images';

export const SCATTER_MODES: readonly { key: ScatterMode; label: string }[] = [
  { key: 'branch', label: 'Colour by branch' },
  { key: 'color', label: 'Colour by colour index' },
  { key: 'images', label: 'Filters as images' },
];

/** The `?scatter=` parameter as a mode; `branch` when absent or unknown. */
export function scatterMode(value: string | null): ScatterMode {
  return SCATTER_MODES.find((m) => m.key === value)?.key ?? 'branch';
}
