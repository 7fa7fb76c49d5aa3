import { colorChannels, drawnInColor } from './display-image';
import { checkHwcImage, type HwcImage } from './hwc-image';

/**
 * How much of an image's (or filter's) energy is colour: chroma energy / total energy, in [0, 1].
 * Chroma is each value's deviation from its pixel's mean over channels (the grey level); total energy is
 * taken about the mean of all values, so a constant offset (mid-grey, a bias) does not count.
 * 0 for grey (and for constant images), about 2/3 for a single-channel colour blob,
 * 1 for opponent colour (red up where green goes down) on a flat grey.
 *
 * Measured on what is drawn (`channelsShown`): for more than 3 channels on channels 0-2 only, the red, green and
 * blue of the drawing; for 1 or 2 channels, drawn in grey, it is 0.
 */
export function colorIndex(image: HwcImage): number {
  checkHwcImage(image, 'colorIndex');
  if (!drawnInColor(image.channels)) return 0;
  const { data, channels } = colorChannels(image);
  const pixels = data.length / channels;
  const mean = data.reduce((s, v) => s + v, 0) / data.length;
  let chroma = 0;
  let total = 0;
  for (let p = 0; p < pixels; p++) {
    let grey = 0;
    for (let c = 0; c < channels; c++) grey += data[p * channels + c];
    grey /= channels;
    for (let c = 0; c < channels; c++) {
      const v = data[p * channels + c];
      chroma += (v - grey) ** 2;
      total += (v - mean) ** 2;
    }
  }
  return total > 0 ? chroma / total : 0;
}
