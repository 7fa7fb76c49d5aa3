import type { DecodedImage } from './image-dataset';

/** Copies the `size`-square window at (x, y) of `image` into `out` at `offset`, mirrored left-right if `flip`. */
export function cropInto(out: Uint8Array, offset: number, image: DecodedImage, size: number, { x, y, flip }: { x: number; y: number; flip: boolean }): void {
  const { data, width } = image;
  for (let row = 0; row < size; row++) {
    const source = ((y + row) * width + x) * 3;
    const target = offset + row * size * 3;
    if (!flip) {
      out.set(data.subarray(source, source + size * 3), target);
      continue;
    }
    for (let col = 0; col < size; col++) {
      const from = source + (size - 1 - col) * 3;
      const to = target + col * 3;
      out[to] = data[from];
      out[to + 1] = data[from + 1];
      out[to + 2] = data[from + 2];
    }
  }
}
