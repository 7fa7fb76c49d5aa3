import sharp from 'sharp';

export interface DecodedPixels {
  width: number;
  height: number;
  /** RGB bytes, row-major HWC. */
  data: Uint8Array;
}

/**
 * Decodes a JPEG or PNG file and resizes it so its shorter side is `shorterSide` pixels (aspect kept), as
 * 8-bit sRGB without alpha: EXIF orientation applied, grey images expanded to three channels, transparency
 * flattened onto mid-grey. Throws with a message naming the file when it cannot be decoded.
 */
export async function decodeImage(file: string, shorterSide: number): Promise<DecodedPixels> {
  try {
    const { data, info } = await sharp(file, { failOn: 'error' })
      .rotate()
      .flatten({ background: { r: 128, g: 128, b: 128 } })
      .resize(shorterSide, shorterSide, { fit: 'outside', kernel: 'lanczos3' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, expected 3`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (err) {
    throw new Error(`cannot read image '${file}': ${err instanceof Error ? err.message : String(err)}`);
  }
}
