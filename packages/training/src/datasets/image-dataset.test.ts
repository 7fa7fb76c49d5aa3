import { describe, expect, it } from 'vitest';
import { imageDataset, type DecodedImage, type ImageBatch } from './image-dataset';
import { splitDataset } from './split-dataset';

/** A w x h image whose pixel (x, y) is (x, y, id): every crop can be traced back to its window. */
function coordinateImage(id: number, label: number, width = 12, height = 10): DecodedImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([x, y, id], (y * width + x) * 3);
  return { file: `img${id}`, label, width, height, data };
}

const dataset = imageDataset({
  classes: ['a', 'b', 'c'],
  images: Array.from({ length: 10 }, (_, i) => coordinateImage(i, i % 3)),
  cropSize: 6,
});

const all = (batches: Iterable<ImageBatch>): ImageBatch[] => [...batches];
const pixel = (b: ImageBatch, i: number, x: number, y: number): number[] => {
  const at = ((i * b.size + y) * b.size + x) * 3;
  return [...b.images.subarray(at, at + 3)];
};

describe('imageDataset', () => {
  it('gives byte-identical batches for the same seed and epoch', () => {
    const a = all(dataset.batches({ seed: 3, epoch: 1, batchSize: 4 }));
    const b = all(dataset.batches({ seed: 3, epoch: 1, batchSize: 4 }));
    expect(b).toEqual(a);
  });

  it('shuffles each epoch differently', () => {
    const order = (epoch: number) => all(dataset.batches({ seed: 3, epoch, batchSize: 10 }))[0].indices;
    expect([...order(2)]).not.toEqual([...order(1)]);
  });

  it('visits every image once per epoch, the last batch short', () => {
    const batches = all(dataset.batches({ seed: 5, epoch: 0, batchSize: 4 }));
    expect(batches.map((b) => b.count)).toEqual([4, 4, 2]);
    expect(dataset.batchCount(4)).toBe(3);
    expect(batches.flatMap((b) => [...b.indices]).sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    for (const b of batches) expect([...b.labels]).toEqual([...b.indices].map((i) => i % 3));
  });

  it('takes random crops as whole windows of the image, some mirrored left-right', () => {
    const flips: boolean[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      for (const b of dataset.batches({ seed: 1, epoch, batchSize: 10 })) {
        for (let i = 0; i < b.count; i++) {
          const [x0, y0, id] = pixel(b, i, 0, 0);
          const [x5] = pixel(b, i, 5, 0);
          const flipped = x5 < x0;
          flips.push(flipped);
          expect(id).toBe(b.indices[i]);
          for (let y = 0; y < 6; y++)
            for (let x = 0; x < 6; x++) expect(pixel(b, i, x, y)).toEqual([flipped ? x0 - x : x0 + x, y0 + y, id]);
        }
      }
    }
    const share = flips.filter(Boolean).length / flips.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.75);
  });

  it('takes the centre crop in dataset order when augmentation and shuffling are off', () => {
    const [b] = all(dataset.batches({ seed: 1, epoch: 0, batchSize: 10, augment: false, shuffle: false }));
    expect([...b.indices]).toEqual([...Array(10).keys()]);
    for (let i = 0; i < 10; i++) expect(pixel(b, i, 0, 0)).toEqual([3, 2, i]);
  });

  it('names an image smaller than the crop', () => {
    expect(() => imageDataset({ classes: ['a', 'b'], images: [coordinateImage(0, 0, 5, 9)], cropSize: 6 })).toThrow(
      "'img0' is 5x9, smaller than the 6px crop",
    );
  });

  it('names an image whose label has no class', () => {
    expect(() => imageDataset({ classes: ['a', 'b'], images: [coordinateImage(0, 2)], cropSize: 6 })).toThrow("'img0' has label 2, but there are 2 classes");
  });
});

describe('splitDataset', () => {
  it('holds out the same share of each class, disjoint from the training part', () => {
    const { train, heldOut } = splitDataset(dataset, { heldOut: 0.25, seed: 2 });
    const files = (d: typeof dataset) => d.images.map((im) => im.file);
    expect(heldOut.images.map((im) => im.label).sort()).toEqual([0, 1, 2]);
    expect(train.size + heldOut.size).toBe(10);
    expect(files(train).filter((f) => files(heldOut).includes(f))).toEqual([]);
    expect(splitDataset(dataset, { heldOut: 0.25, seed: 2 }).heldOut.images).toEqual(heldOut.images);
  });
});
