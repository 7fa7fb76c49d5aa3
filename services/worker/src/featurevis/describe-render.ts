import { colorIndex, dominantFrequency, type HwcImage } from '@branchscope/core';
import type { StoredDescriptor } from '@branchscope/jobs';

/**
 * Descriptors of a rendered feature image. The spectrum is zero-padded to twice the size up to 128 px; larger
 * images already resolve frequencies finely enough, and padding them would cost seconds per image.
 */
export function describeRender(image: HwcImage): StoredDescriptor {
  const side = Math.max(image.height, image.width);
  const { frequency, orientation } = dominantFrequency(image, { padTo: side <= 128 ? Math.max(64, 2 * side) : side });
  return { colorIndex: colorIndex(image), frequency, orientation };
}
