import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { comparePng } from './png-compare';

/** A white width x height PNG with the given pixels set to `rgb`. */
function png(width: number, height: number, dark: [number, number][] = [], rgb: [number, number, number] = [0, 0, 0]): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(255);
  for (const [x, y] of dark) image.data.set([...rgb, 255], (y * width + x) * 4);
  return PNG.sync.write(image);
}

describe('comparePng', () => {
  const tolerance = { channel: 32, maxDiffPixels: 2 };

  it('matches an identical image and one off by less than the channel tolerance', () => {
    expect(comparePng(png(8, 8, [[1, 1]]), png(8, 8, [[1, 1]]), tolerance)).toMatchObject({ matches: true, diffPixels: 0, problem: '' });
    expect(comparePng(png(8, 8, [[1, 1]], [240, 240, 240]), png(8, 8), tolerance).diffPixels).toBe(0);
  });

  it('counts differing pixels and fails above the allowed number', () => {
    const line = Array.from({ length: 8 }, (_, y) => [3, y] as [number, number]);
    const moved = line.map(([x, y]) => [x + 1, y] as [number, number]);
    const result = comparePng(png(8, 8, moved), png(8, 8, line), tolerance);
    expect(result.diffPixels).toBe(16);
    expect(result.matches).toBe(false);
    expect(result.problem).toBe('16 pixels differ by more than 32 in a channel (at most 2 allowed)');
    const diff = PNG.sync.read(result.diffPng ?? Buffer.alloc(0));
    expect([...diff.data.subarray((0 * 8 + 3) * 4, (0 * 8 + 3) * 4 + 3)]).toEqual([255, 0, 0]);
  });

  it('names both sizes when they differ', () => {
    expect(comparePng(png(8, 9), png(8, 8), tolerance)).toMatchObject({ matches: false, problem: "size 8x9 differs from the golden's 8x8" });
  });
});
