/** Test support for the training engine. */
import { uniformStream } from '@branchscope/runtime';
import { imageDataset, type DecodedImage, type ImageDataset } from '../datasets/image-dataset';

export { tinyTrainGraph, useBackend } from '@branchscope/runtime/testing';

/**
 * Images of sinusoidal gratings in four classes: coloured (a random dominant hue) or grey, horizontal or
 * vertical stripes, with seeded random frequency and phase. Colour and orientation are both learnable from a few batches.
 */
export function gratingsDataset(options: { count: number; size: number; cropSize: number; seed: string }): ImageDataset {
  const { count, size, cropSize, seed } = options;
  const random = uniformStream(seed);
  const images: DecodedImage[] = Array.from({ length: count }, (_, i) => {
    const label = i % 4;
    const colored = label >= 2;
    const vertical = label % 2 === 1;
    const frequency = 0.4 + 0.5 * random();
    const phase = 2 * Math.PI * random();
    const dominant = Math.floor(3 * random());
    const tint = [0, 1, 2].map((c) => (c === dominant ? 1 : 0.3 * random()));
    const data = new Uint8Array(size * size * 3);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const wave = 0.5 + 0.5 * Math.sin(frequency * (vertical ? x : y) + phase);
        for (let c = 0; c < 3; c++) {
          const value = colored ? wave * tint[c] : wave;
          data[(y * size + x) * 3 + c] = Math.round(255 * value);
        }
      }
    return { file: `grating-${i}`, label, width: size, height: size, data };
  });
  return imageDataset({ classes: ['grey-horizontal', 'grey-vertical', 'colour-horizontal', 'colour-vertical'], images, cropSize });
}

