import { filterAsImage, type ConvWeights, type HwcImage } from '@branchscope/core';

export interface WeightImageOptions {
  /**
   * 'filter' (default, as in Krizhevsky et al.): each filter fills [0, 1] on its own.
   * 'layer': one scale for the whole layer, so weak filters look weak.
   */
  scale?: 'filter' | 'layer';
}

const maxAbs = (data: Float32Array): number => data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * First-layer filters as images: HWC with the filter's input channels (RGB for 3, grey for 1), each value mapped
 * to 0.5 + 0.5 · w / max|w| so zero is mid-grey and the largest weight reaches 0 or 1. An all-zero filter is
 * flat mid-grey.
 */
export function weightImages(weights: ConvWeights, options: WeightImageOptions = {}): HwcImage[] {
  const raw = Array.from({ length: weights.shape[0] }, (_, o) => filterAsImage(weights, o));
  const layerMax = maxAbs(weights.data);
  return raw.map((image) => {
    const m = options.scale === 'layer' ? layerMax : maxAbs(image.data);
    const data = image.data.map((v) => (m > 0 ? 0.5 + (0.5 * v) / m : 0.5));
    return { ...image, data };
  });
}
