import type { Matrix } from '../linalg/matrix';
import { createRandom } from '../random/create-random';

/** Block of unit i when `size` units are split into `blocks` equal runs. */
export const blockOf = (i: number, size: number, blocks: number): number => Math.floor((i * blocks) / size);

/**
 * `layers` consecutive |W| matrices of `units` x `units` where units in the same block connect with weight about 1
 * and others with |noise * normal|.
 */
export function plantedBlocks(layers: number, units: number, blocks: number, noise: number, seed: number): Matrix[] {
  const random = createRandom(seed);
  return Array.from({ length: layers - 1 }, () => {
    const data = new Float64Array(units * units);
    for (let i = 0; i < units; i++) {
      for (let j = 0; j < units; j++) {
        const same = blockOf(i, units, blocks) === blockOf(j, units, blocks);
        data[i * units + j] = same ? 1 + 0.2 * random.next() : Math.abs(noise * random.normal());
      }
    }
    return { rows: units, cols: units, data };
  });
}

/** `layers` consecutive matrices of i.i.d. |normal| entries. */
export function iidMatrices(layers: number, units: number, seed: number): Matrix[] {
  const random = createRandom(seed);
  return Array.from({ length: layers - 1 }, () => ({
    rows: units,
    cols: units,
    data: Float64Array.from({ length: units * units }, () => Math.abs(random.normal())),
  }));
}

/** The planted partition of every node, layer by layer, numbered by first appearance (block 0 first). */
export const plantedLabels = (layers: number, units: number, blocks: number): number[] =>
  Array.from({ length: layers * units }, (_, node) => blockOf(node % units, units, blocks));
