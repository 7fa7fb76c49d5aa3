import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng } from '@branchscope/featurevis';

/** Side of every image {@link writeSeededImageFolder} writes. */
export const SEEDED_IMAGE_SIDE = 40;

/**
 * Writes a small dataset into `dir`: two class folders of 12 images each, colour fields (`colour/`) and grey stripes
 * (`stripes/`), computed from their index, so every run writes the same bytes; enough for 9 top and 9 bottom examples.
 */
export function writeSeededImageFolder(dir: string): void {
  const side = SEEDED_IMAGE_SIDE;
  for (const [name, pixel] of Object.entries({
    colour: (y: number, x: number, c: number, i: number) => ((c + i) % 3 === 0 ? 0.8 : 0.2) + 0.01 * ((x * y) % 7),
    stripes: (_y: number, x: number, _c: number, i: number) => (Math.floor((x + i) / (2 + (i % 4))) % 2 ? 0.9 : 0.1),
  })) {
    mkdirSync(path.join(dir, name), { recursive: true });
    for (let i = 0; i < 12; i++) {
      const data = new Float32Array(side * side * 3);
      for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) for (let c = 0; c < 3; c++) data[(y * side + x) * 3 + c] = pixel(y, x, c, i);
      writeFileSync(path.join(dir, name, `${String(i).padStart(2, '0')}.png`), encodePng({ data, height: side, width: side, channels: 3 }));
    }
  }
}
