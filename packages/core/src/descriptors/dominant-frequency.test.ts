import { describe, expect, it } from 'vitest';
import { gaussian, grating, pattern } from './descriptors.test-support';
import { dominantFrequency } from './dominant-frequency';

const angleGap = (a: number, b: number) => Math.min(Math.abs(a - b) % 180, 180 - (Math.abs(a - b) % 180));

describe('dominantFrequency', () => {
  it.each([
    [11, 0.2, 30],
    [11, 0.3, 120],
    [9, 0.25, 0],
    [9, 0.15, 90],
    [32, 0.1, 60],
  ])('recovers a %i px grating of %f cycles/px at %i degrees within one DFT bin and 10 degrees', (k, frequency, degrees) => {
    const found = dominantFrequency(grating(k, frequency, degrees));
    expect(Math.abs(found.frequency - frequency)).toBeLessThan(1 / k);
    expect(angleGap(found.orientation, degrees)).toBeLessThan(10);
  });

  it('finds a colour grating as well as a grey one', () => {
    const t = (45 * Math.PI) / 180;
    const color = pattern(11, (y, x, c) => [1, -1, 0][c] * Math.cos(2 * Math.PI * 0.2 * (x * Math.cos(t) + y * Math.sin(t))));
    const found = dominantFrequency(color);
    expect(Math.abs(found.frequency - 0.2)).toBeLessThan(1 / 11);
    expect(angleGap(found.orientation, 45)).toBeLessThan(10);
  });

  it('tells a fine grating from a coarse one', () => {
    const fine = dominantFrequency(grating(16, 0.35, 0)).frequency;
    const coarse = dominantFrequency(grating(16, 0.1, 0)).frequency;
    expect(fine - coarse).toBeGreaterThan(0.15);
  });

  it('reports about the lowest non-zero DFT bin for a smooth blob (its mean removed)', () => {
    expect(dominantFrequency(pattern(9, (y, x) => gaussian(y, x, 2))).frequency).toBeLessThan(1.5 / 9);
  });

  it('reports 0 for a constant image', () => {
    expect(dominantFrequency({ data: new Float32Array(27).fill(1), height: 3, width: 3, channels: 3 })).toEqual({ frequency: 0, orientation: 0 });
  });
});
