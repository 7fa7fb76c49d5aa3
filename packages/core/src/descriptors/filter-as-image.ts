import type { ConvWeights } from '../graph/graph';
import type { HwcImage } from './hwc-image';

/**
 * Filter `index` of OIHW conv weights as an HWC image of its raw weights: kh × kw × (in / group) channels.
 * @throws RangeError naming the filter count when `index` does not exist, or when the data and shape disagree.
 */
export function filterAsImage(weights: ConvWeights, index: number): HwcImage {
  const [out, inPerGroup, kh, kw] = weights.shape;
  if (weights.data.length !== out * inPerGroup * kh * kw) {
    throw new RangeError(`conv weights of shape [${weights.shape.join(', ')}] need ${out * inPerGroup * kh * kw} values, got ${weights.data.length}`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= out) {
    throw new RangeError(`the layer has ${out} filters (0..${out - 1}); filter ${index} does not exist`);
  }
  const data = new Float32Array(kh * kw * inPerGroup);
  const base = index * inPerGroup * kh * kw;
  for (let c = 0; c < inPerGroup; c++) {
    for (let y = 0; y < kh; y++) {
      for (let x = 0; x < kw; x++) data[(y * kw + x) * inPerGroup + c] = weights.data[base + (c * kh + y) * kw + x];
    }
  }
  return { data, height: kh, width: kw, channels: inPerGroup };
}
