import { PNG } from 'pngjs';

/** How far a screenshot may drift from its golden before the comparison fails. */
export interface PixelTolerance {
  /** A pixel differs when any of its R, G, B or A channels differs by more than this (0-255). */
  channel: number;
  /** The comparison fails when more pixels than this differ. */
  maxDiffPixels: number;
}

/**
 * Same-machine screenshots differ by nothing or by a few anti-aliased pixels; a moved axis or a lost legend changes
 * hundreds (the e2e test that perturbs a page shows it).
 */
export const SCREENSHOT_TOLERANCE: PixelTolerance = { channel: 32, maxDiffPixels: 60 };

export interface PngComparison {
  /** True when the sizes agree and at most `maxDiffPixels` pixels differ. */
  matches: boolean;
  /** Why it does not match, naming sizes or counts; empty when it matches. */
  problem: string;
  diffPixels: number;
  /** The actual image with differing pixels painted red (absent when the sizes differ). */
  diffPng?: Buffer;
}

/** Compares two PNG files pixel by pixel under `tolerance`. */
export function comparePng(actual: Buffer, golden: Buffer, tolerance: PixelTolerance = SCREENSHOT_TOLERANCE): PngComparison {
  const a = PNG.sync.read(actual);
  const g = PNG.sync.read(golden);
  if (a.width !== g.width || a.height !== g.height) {
    return { matches: false, problem: `size ${a.width}x${a.height} differs from the golden's ${g.width}x${g.height}`, diffPixels: Number.NaN };
  }
  const diff = new PNG({ width: a.width, height: a.height });
  let diffPixels = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    let differs = false;
    for (let c = 0; c < 4; c++) if (Math.abs(a.data[i + c] - g.data[i + c]) > tolerance.channel) differs = true;
    if (differs) diffPixels++;
    // Unchanged pixels faded, changed ones red: the diff image shows where the page moved.
    diff.data[i] = differs ? 255 : 255 - (255 - a.data[i]) / 4;
    diff.data[i + 1] = differs ? 0 : 255 - (255 - a.data[i + 1]) / 4;
    diff.data[i + 2] = differs ? 0 : 255 - (255 - a.data[i + 2]) / 4;
    diff.data[i + 3] = 255;
  }
  const matches = diffPixels <= tolerance.maxDiffPixels;
  return {
    matches,
    problem: matches ? '' : `${diffPixels} pixels differ by more than ${tolerance.channel} in a channel (at most ${tolerance.maxDiffPixels} allowed)`,
    diffPixels,
    diffPng: PNG.sync.write(diff),
  };
}
