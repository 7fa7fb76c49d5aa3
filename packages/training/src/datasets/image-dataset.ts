import { uniformStream } from '@branchscope/runtime';
import { cropInto } from './crop';
import { seededPermutation } from './seeded-permutation';

/** One decoded image, RGB, row-major HWC bytes. */
export interface DecodedImage {
  /** Where it came from (a path, or a synthetic name); used in messages. */
  file: string;
  /** Index into the dataset's classes. */
  label: number;
  width: number;
  height: number;
  data: Uint8Array;
}

/** A file that could not be used, with a message that names it. */
export interface SkippedImage {
  file: string;
  message: string;
}

/** A batch of square crops, NHWC RGB bytes: `images[((i * size + y) * size + x) * 3 + c]`. */
export interface ImageBatch {
  images: Uint8Array;
  labels: Int32Array;
  /** Dataset indices of the images, in batch order. */
  indices: Int32Array;
  count: number;
  size: number;
}

export interface BatchOptions {
  seed: number;
  /** Epoch number: with the seed it fixes the order and the crops, so any epoch can be replayed alone. */
  epoch: number;
  batchSize: number;
  /** Seeded shuffle of the order (default true); false keeps dataset order. */
  shuffle?: boolean;
  /** Seeded random crops and horizontal flips (default true); false takes the centre crop, unflipped. */
  augment?: boolean;
}

/** Images in memory, cut into seeded batches of square crops. */
export interface ImageDataset {
  readonly classes: readonly string[];
  readonly images: readonly DecodedImage[];
  /** Side of the square crops the batches hold. */
  readonly cropSize: number;
  /** Files left out because they could not be read (empty for in-memory datasets). */
  readonly skipped: readonly SkippedImage[];
  readonly size: number;
  /** Number of batches per epoch (the last one may be short). */
  batchCount(batchSize: number): number;
  batches(options: BatchOptions): Generator<ImageBatch>;
  /** The images at `indices`, same classes and crop size. */
  subset(indices: readonly number[]): ImageDataset;
}

export interface ImageDatasetInit {
  classes: readonly string[];
  images: readonly DecodedImage[];
  cropSize: number;
  skipped?: readonly SkippedImage[];
}

function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
}

/**
 * An {@link ImageDataset} over decoded images. Every image must be at least `cropSize` on both sides
 * and labelled with an index into `classes`; the error names the first that is not.
 */
export function imageDataset(init: ImageDatasetInit): ImageDataset {
  const { classes, images, cropSize } = init;
  if (!Number.isInteger(cropSize) || cropSize < 1) throw new Error(`imageDataset: cropSize must be a positive integer, got ${cropSize}`);
  for (const image of images) {
    if (image.width < cropSize || image.height < cropSize) {
      throw new Error(`imageDataset: '${image.file}' is ${image.width}x${image.height}, smaller than the ${cropSize}px crop`);
    }
    if (!(Number.isInteger(image.label) && image.label >= 0 && image.label < classes.length)) {
      throw new Error(`imageDataset: '${image.file}' has label ${image.label}, but there are ${classes.length} classes`);
    }
    if (image.data.length !== image.width * image.height * 3) {
      throw new Error(`imageDataset: '${image.file}' has ${image.data.length} bytes, ${image.width}x${image.height} RGB needs ${image.width * image.height * 3}`);
    }
  }

  function* batches(options: BatchOptions): Generator<ImageBatch> {
    const { seed, epoch, batchSize, shuffle = true, augment = true } = options;
    checkBatchSize(batchSize);
    const order = shuffle ? seededPermutation(images.length, `${seed}/order/${epoch}`) : Int32Array.from(images.keys());
    const random = uniformStream(`${seed}/augment/${epoch}`);
    const pixels = cropSize * cropSize * 3;
    for (let start = 0; start < order.length; start += batchSize) {
      const indices = order.slice(start, start + batchSize);
      const batch: ImageBatch = {
        images: new Uint8Array(indices.length * pixels),
        labels: new Int32Array(indices.length),
        indices,
        count: indices.length,
        size: cropSize,
      };
      indices.forEach((index, i) => {
        const image = images[index];
        batch.labels[i] = image.label;
        const crop = augment
          ? { x: Math.floor(random() * (image.width - cropSize + 1)), y: Math.floor(random() * (image.height - cropSize + 1)), flip: random() < 0.5 }
          : { x: (image.width - cropSize) >> 1, y: (image.height - cropSize) >> 1, flip: false };
        cropInto(batch.images, i * pixels, image, cropSize, crop);
      });
      yield batch;
    }
  }

  return {
    classes,
    images,
    cropSize,
    skipped: init.skipped ?? [],
    size: images.length,
    batchCount(batchSize: number): number {
      checkBatchSize(batchSize);
      return Math.ceil(images.length / batchSize);
    },
    batches,
    subset(indices: readonly number[]): ImageDataset {
      const picked = indices.map((i) => {
        if (!(Number.isInteger(i) && i >= 0 && i < images.length)) throw new Error(`subset: index ${i} is outside the ${images.length} images`);
        return images[i];
      });
      return imageDataset({ classes, images: picked, cropSize, skipped: init.skipped });
    },
  };
}
