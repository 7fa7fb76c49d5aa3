import { interpolateLab } from 'd3';

/** The grey end and the colourful end of the colour-index ramp. */
const GREY = '#a3a3a3';
const CHROMATIC = '#e8590c';

const ramp = interpolateLab(GREY, CHROMATIC);

/**
 * The fill for a colour index: grey at 0 (a black-and-white feature), saturated orange at 1 (a colour feature).
 * Values outside [0, 1] are clamped, so the bars and histograms that share it always agree.
 */
export function colorIndexColor(colorIndex: number): string {
  return ramp(Math.min(1, Math.max(0, colorIndex)));
}
