import type { ImageDataset } from './image-dataset';
import { seededPermutation } from './seeded-permutation';

/**
 * Splits a dataset into train and held-out parts, per class (each class gives round(fraction * its count)
 * images to `heldOut`, at least one when it has two or more), with a seeded choice.
 */
export function splitDataset(dataset: ImageDataset, options: { heldOut: number; seed: number }): { train: ImageDataset; heldOut: ImageDataset } {
  const { heldOut, seed } = options;
  if (!(heldOut > 0 && heldOut < 1)) throw new Error(`splitDataset: heldOut must be a fraction in (0, 1), got ${heldOut}`);
  const train: number[] = [];
  const held: number[] = [];
  dataset.classes.forEach((_, label) => {
    const members = dataset.images.flatMap((image, i) => (image.label === label ? [i] : []));
    const order = seededPermutation(members.length, `${seed}/split/${label}`);
    const count = members.length < 2 ? 0 : Math.max(1, Math.round(heldOut * members.length));
    order.forEach((o, rank) => (rank < count ? held : train).push(members[o]));
  });
  const byIndex = (a: number, b: number): number => a - b;
  return { train: dataset.subset(train.sort(byIndex)), heldOut: dataset.subset(held.sort(byIndex)) };
}
