import { checkHwcImage, type HwcImage } from './hwc-image';

/**
 * How an image (a feature visualization, or a first-layer filter seen as an image) with `channels` channels is
 * drawn, and what its colour index measures, since a PNG has no place for channels beyond red, green and blue
 * (its fourth is transparency, never an input channel):
 *
 * - 3 channels: red, green, blue, as they are.
 * - more than 3 (a 4-channel input, say RGB plus depth): channels 0-2 as red, green and blue; the rest are not
 *   drawn, and the colour index is measured on channels 0-2 only.
 * - 1 channel: grey.
 * - 2 channels: each in grey, side by side (channel 0 left), a 1-pixel white column between them; the colour
 *   index is 0, as for every grey drawing.
 */
export function channelsShown(channels: number): string {
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`channelsShown: channels must be a positive integer, got ${channels}`);
  if (channels === 1) return '0 of 1, grey';
  if (channels === 2) return '0 and 1 of 2, grey side by side';
  return `0-2 of ${channels}`;
}

/** Channels of an image drawn in colour: three or more (only the first three are drawn). */
export const drawnInColor = (channels: number): boolean => channels >= 3;

/** The image restricted to the channels its drawing shows in colour: channels 0-2 when it has more than 3. */
export function colorChannels(image: HwcImage): HwcImage {
  checkHwcImage(image, 'colorChannels');
  const { data, height, width, channels } = image;
  if (channels <= 3) return image;
  const pixels = height * width;
  const out = new Float32Array(pixels * 3);
  for (let p = 0; p < pixels; p++) for (let c = 0; c < 3; c++) out[p * 3 + c] = data[p * channels + c];
  return { data: out, height, width, channels: 3 };
}

/** Value of the column between side-by-side grey channels: white, apart from both mid-grey zero and black. */
const SEPARATOR = 1;

/**
 * The image as {@link channelsShown} draws it, ready for a PNG: 3 channels (RGB) or 1 (grey). A 2-channel image
 * becomes one grey image of height × (2 width + 1).
 */
export function displayImage(image: HwcImage): HwcImage {
  checkHwcImage(image, 'displayImage');
  const { data, height, width, channels } = image;
  if (channels !== 2) return colorChannels(image);
  const outWidth = 2 * width + 1;
  const out = new Float32Array(height * outWidth);
  for (let y = 0; y < height; y++) {
    out[y * outWidth + width] = SEPARATOR;
    for (let x = 0; x < width; x++) {
      out[y * outWidth + x] = data[(y * width + x) * 2];
      out[y * outWidth + width + 1 + x] = data[(y * width + x) * 2 + 1];
    }
  }
  return { data: out, height, width: outWidth, channels: 1 };
}
