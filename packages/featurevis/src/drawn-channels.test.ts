import { colorIndex, displayImage, type ConvWeights, type HwcImage } from '@branchscope/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePng } from './png';
import { weightImages } from './weight-images';

/** A 12 x 12 image of `channels` channels: an opponent blob in channels 0 and 1, and a strong ramp in the rest. */
function image(channels: number): HwcImage {
  const side = 12;
  const data = new Float32Array(side * side * channels);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const blob = Math.exp(-((y - 5.5) ** 2 + (x - 5.5) ** 2) / 8);
      for (let c = 0; c < channels; c++) data[(y * side + x) * channels + c] = c === 0 ? 0.5 + 0.4 * blob : c === 1 ? 0.5 - 0.4 * blob : c === 2 ? 0.5 : x / (side - 1);
    }
  }
  return { data, height: side, width: side, channels };
}

/** What sharp reads from a PNG: its metadata and its pixels in [0, 1]. */
async function decode(png: Uint8Array): Promise<{ channels: number; hasAlpha: boolean; width: number; pixels: HwcImage }> {
  const metadata = await sharp(png).metadata();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const pixels = { data: Float32Array.from(data, (v) => v / 255), height: info.height, width: info.width, channels: info.channels };
  return { channels: metadata.channels!, hasAlpha: metadata.hasAlpha!, width: metadata.width!, pixels };
}

describe('images of other than 3 channels, as PNGs', () => {
  it('draws channels 0-2 of a 4-channel image as RGB without alpha, and the colour index is that of what is drawn', async () => {
    const four = image(4);
    const drawn = await decode(encodePng(displayImage(four)));
    expect([drawn.channels, drawn.hasAlpha]).toEqual([3, false]);
    const bytes = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * 255));
    expect(bytes(drawn.pixels.data.subarray(0, 6))).toEqual(bytes([...four.data.subarray(0, 3), ...four.data.subarray(4, 7)]));
    // The 4th channel's ramp would count as colour if measured; the index is the drawn RGB's, up to 8-bit rounding.
    expect(colorIndex(four)).toBeCloseTo(colorIndex(image(3)), 12);
    expect(Math.abs(colorIndex(drawn.pixels) - colorIndex(four))).toBeLessThan(0.01);
  });

  it('draws 2 channels as grey panels and 1 as grey, neither with alpha, colour index 0', async () => {
    const two = await decode(encodePng(displayImage(image(2))));
    expect([two.channels, two.hasAlpha, two.width]).toEqual([1, false, 25]);
    expect(colorIndex(image(2))).toBe(0);
    const one = await decode(encodePng(displayImage(image(1))));
    expect([one.channels, one.hasAlpha, one.width]).toEqual([1, false, 12]);
  });

  it("draws a 4-channel filter's weights as RGB without alpha, its colour index that of the drawn channels", async () => {
    // 2 filters of 3 x 3 on 4 channels: the first's 4th channel is large and varied, its RGB grey.
    const data = new Float32Array(2 * 4 * 9);
    for (let i = 0; i < 9; i++) {
      for (let c = 0; c < 3; c++) data[c * 9 + i] = (i % 3) - 1;
      data[3 * 9 + i] = 5 * Math.sin(i);
      data[36 + i] = i - 4;
      data[36 + 9 + i] = 4 - i;
      data[36 + 27 + i] = 9 * Math.cos(i);
    }
    const weights: ConvWeights = { shape: [2, 4, 3, 3], group: 1, data };
    const [grey, opponent] = await Promise.all(weightImages(weights).map((filter) => decode(encodePng(filter))));
    expect([grey!.channels, grey!.hasAlpha, opponent!.channels, opponent!.hasAlpha]).toEqual([3, false, 3, false]);
    expect(colorIndex(grey!.pixels)).toBeLessThan(1e-3);
    expect(colorIndex(opponent!.pixels)).toBeGreaterThan(0.9);
  });
});
