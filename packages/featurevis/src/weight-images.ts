import { colorChannels, displayImage, filterAsImage, type ConvWeights, type HwcImage } from '@branchscope/core';

export interface WeightImageOptions {
  /**
   * 'filter' (default, as in Krizhevsky et al.): each filter fills [0, 1] on its own.
   * 'layer': one scale for the whole layer, so weak filters look weak.
   */
  scale?: 'filter' | 'layer';
}

const maxAbs = (data: Float32Array): number => data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * First-layer filters as images, drawn as core's `displayImage` draws the filter's input channels (RGB for 3,
 * channels 0-2 as RGB for more, grey for 1, two grey panels side by side for 2), each drawn value mapped to
 * 0.5 + 0.5 · w / max|w| (the maximum over the drawn weights) so zero is mid-grey and the largest drawn weight
 * reaches 0 or 1. An all-zero filter is flat mid-grey.
 */
export function weightImages(weights: ConvWeights, options: WeightImageOptions = {}): HwcImage[] {
  // Only the drawn channels: a weight that is not drawn must not dim the ones that are.
  const raw = Array.from({ length: weights.shape[0] }, (_, o) => colorChannels(filterAsImage(weights, o)));
  const layerMax = raw.reduce((m, image) => Math.max(m, maxAbs(image.data)), 0);
  return raw.map((image) => {
    const m = options.scale === 'layer' ? layerMax : maxAbs(image.data);
    const data = image.data.map((v) => (m > 0 ? 0.5 + (0.5 * v) / m : 0.5));
    // Scaled first, so the column between two grey panels stays white.
    return displayImage({ ...image, data });
  });
}
