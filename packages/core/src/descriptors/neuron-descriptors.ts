import type { ConvWeights } from '../graph/graph';
import { colorIndex } from './color-index';
import { dominantFrequency } from './dominant-frequency';
import { filterAsImage } from './filter-as-image';
import type { HwcImage } from './hwc-image';

/** What a neuron's filter or feature image looks like, in numbers. */
export interface NeuronDescriptors {
  /** Chroma energy / total energy, [0, 1]: 0 black-and-white, high for colour (see {@link colorIndex}). */
  colorIndex: number;
  /** Dominant spatial frequency, cycles per pixel. */
  frequency: number;
  /** Orientation of that frequency's wave vector, degrees in [0, 180). */
  orientation: number;
}

/** Descriptors of one image: a feature visualization (deeper layers) or a filter seen as an image. */
export function describeImage(image: HwcImage): NeuronDescriptors {
  const { frequency, orientation } = dominantFrequency(image);
  return { colorIndex: colorIndex(image), frequency, orientation };
}

/** Descriptors of every filter of a first conv layer, from its OIHW weights, in filter order. */
export function describeFilters(weights: ConvWeights): NeuronDescriptors[] {
  return Array.from({ length: weights.shape[0] }, (_, o) => describeImage(filterAsImage(weights, o)));
}
