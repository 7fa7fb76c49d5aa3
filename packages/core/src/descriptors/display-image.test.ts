import { describe, expect, it } from 'vitest';
import { colorIndex } from './color-index';
import { channelsShown, colorChannels, displayImage } from './display-image';
import { gaussian, pattern } from './descriptors.test-support';
import type { HwcImage } from './hwc-image';

/** A 2 x 2 image whose value at (y, x, c) is 10 c + 2 y + x, so every value names its place. */
const numbered = (channels: number): HwcImage => ({
  data: Float32Array.from({ length: 4 * channels }, (_, i) => 10 * (i % channels) + Math.floor(i / channels)),
  height: 2,
  width: 2,
  channels,
});

describe('displayImage and channelsShown', () => {
  it('draws 3 channels as they are', () => {
    const image = numbered(3);
    expect(displayImage(image)).toBe(image);
    expect(channelsShown(3)).toBe('0-2 of 3');
  });

  it('draws channels 0-2 of a 4-channel image as RGB and leaves the 4th out (no alpha)', () => {
    const shown = displayImage(numbered(4));
    expect(shown.channels).toBe(3);
    expect(Array.from(shown.data)).toEqual([0, 10, 20, 1, 11, 21, 2, 12, 22, 3, 13, 23]);
    expect(channelsShown(4)).toBe('0-2 of 4');
    expect(channelsShown(6)).toBe('0-2 of 6');
  });

  it('draws 1 channel in grey, and 2 in grey side by side with a white column between', () => {
    const grey = numbered(1);
    expect(displayImage(grey)).toBe(grey);
    expect(channelsShown(1)).toBe('0 of 1, grey');
    const two = displayImage(numbered(2));
    expect([two.height, two.width, two.channels]).toEqual([2, 5, 1]);
    expect(Array.from(two.data)).toEqual([0, 1, 1, 10, 11, 2, 3, 1, 12, 13]);
    expect(channelsShown(2)).toBe('0 and 1 of 2, grey side by side');
  });

  it('names a channel count that is not a positive integer', () => {
    expect(() => channelsShown(0)).toThrow('channels must be a positive integer, got 0');
  });
});

describe('colorIndex follows the drawing', () => {
  const opponent = pattern(9, (y, x, c) => [1, -1, 0][c]! * gaussian(y, x, 2));
  /** `image` with a 4th channel holding `fourth(y, x)`. */
  const withFourth = (image: HwcImage, fourth: (y: number, x: number) => number): HwcImage => ({
    ...image,
    channels: 4,
    data: Float32Array.from({ length: image.height * image.width * 4 }, (_, i) => {
      const [p, c] = [Math.floor(i / 4), i % 4];
      return c < 3 ? image.data[p * 3 + c]! : fourth(Math.floor(p / image.width), p % image.width);
    }),
  });

  it('measures a 4-channel image on channels 0-2, whatever the 4th holds', () => {
    const grey = pattern(9, (y, x) => gaussian(y, x, 2));
    expect(colorIndex(withFourth(grey, (y, x) => 3 * gaussian(y, x, 1)))).toBeLessThan(1e-9);
    const color = withFourth(opponent, (y, x) => gaussian(y, x, 3));
    expect(colorIndex(color)).toBe(colorIndex(opponent));
    expect(colorIndex(color)).toBe(colorIndex(colorChannels(color)));
  });

  it('is 0 for 2 channels, drawn in grey, however different they are', () => {
    const two = { data: Float32Array.from([1, -1, -1, 1, 0.5, 0, 0, 0.5]), height: 2, width: 2, channels: 2 };
    expect(colorIndex(two)).toBe(0);
  });
});
