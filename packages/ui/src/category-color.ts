import { color, schemeObservable10 } from 'd3';

/** Fill of a unit that has no category in the shown label set. */
export const UNLABELLED_COLOR = '#eceff2';

/**
 * The colour of category `index` (0-based, in the order the view lists its categories). A palette apart from
 * {@link groupColor}'s, so category cells do not read as branch swatches. Categories beyond ten repeat it.
 */
export function categoryColor(index: number | undefined): string {
  if (index === undefined) return UNLABELLED_COLOR;
  const palette = schemeObservable10;
  return palette[((index % palette.length) + palette.length) % palette.length] ?? UNLABELLED_COLOR;
}

/**
 * Dark or white text, whichever reads better on `background` (a CSS colour), by its relative luminance.
 *
 * @throws Error naming the colour when CSS cannot parse it.
 */
export function readableInk(background: string): '#1f2328' | '#ffffff' {
  const parsed = color(background)?.rgb();
  if (!parsed) throw new Error(`readableInk: '${background}' is not a CSS colour`);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(parsed.r) + 0.7152 * channel(parsed.g) + 0.0722 * channel(parsed.b);
  // The luminance where white and near-black text have equal WCAG contrast.
  return luminance > 0.18 ? '#1f2328' : '#ffffff';
}
