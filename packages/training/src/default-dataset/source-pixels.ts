import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { decodeGimpPattern } from './gimp-pattern';

/** A square RGB image ready to be written, plus the source's own size. */
export interface SquareRgb {
  side: number;
  data: Uint8Array;
  sourceWidth: number;
  sourceHeight: number;
}

/** RGB bytes of any 1-4 channel pixels, alpha flattened onto mid-grey. */
function toRgb(data: Uint8Array, pixels: number, channels: number): Uint8Array {
  const out = new Uint8Array(pixels * 3);
  const hasAlpha = channels === 2 || channels === 4;
  const inColor = channels >= 3;
  for (let p = 0; p < pixels; p++) {
    const alpha = hasAlpha ? data[p * channels + channels - 1]! / 255 : 1;
    for (let c = 0; c < 3; c++) {
      const v = data[p * channels + (inColor ? c : 0)]!;
      out[p * 3 + c] = Math.round(v * alpha + 128 * (1 - alpha));
    }
  }
  return out;
}

/** Repeats a seamless tile to fill side x side (patterns are made to tile, so no seam appears). */
function tile(data: Uint8Array, width: number, height: number, side: number): Uint8Array {
  const out = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const from = ((y % height) * width + (x % width)) * 3;
      out.set(data.subarray(from, from + 3), (y * side + x) * 3);
    }
  }
  return out;
}

/**
 * Reads one source as a `side` x `side` RGB square: a GIMP pattern (`.pat`) is tiled at its own scale, a
 * photograph (JPEG or PNG) is scaled to cover the square and centre-cropped.
 * @throws Error naming the file when it cannot be read or decoded.
 */
export async function sourcePixels(file: string, side: number): Promise<SquareRgb> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new Error(`cannot read source image '${file}': ${(err as Error).message}`);
  }
  if (file.toLowerCase().endsWith('.pat')) {
    const p = decodeGimpPattern(bytes, file);
    return { side, data: tile(toRgb(p.data, p.width * p.height, p.channels), p.width, p.height, side), sourceWidth: p.width, sourceHeight: p.height };
  }
  try {
    const image = sharp(bytes, { failOn: 'error' });
    const meta = await image.metadata();
    const { data } = await image
      .rotate()
      .flatten({ background: { r: 128, g: 128, b: 128 } })
      .resize(side, side, { fit: 'cover', kernel: 'lanczos3' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { side, data: new Uint8Array(data), sourceWidth: meta.width ?? 0, sourceHeight: meta.height ?? 0 };
  } catch (err) {
    throw new Error(`cannot read source image '${file}': ${(err as Error).message}`);
  }
}
