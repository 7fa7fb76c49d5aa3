import { describe, expect, it } from 'vitest';
import type { ConvWeights } from '@branchscope/core';
import { weightImages } from './weight-images';

// Two 1 x 1 filters on 3 channels, then one 2 x 1 filter on 1 channel.
const rgb: ConvWeights = { shape: [2, 3, 1, 1], group: 1, data: Float32Array.from([2, -1, 0, 0.5, 0.25, 0]) };
const grey: ConvWeights = { shape: [1, 1, 2, 1], group: 1, data: Float32Array.from([-4, 1]) };

describe('weightImages', () => {
  it('maps each filter symmetrically around mid-grey so its largest weight reaches 0 or 1', () => {
    const [a, b] = weightImages(rgb);
    expect(Array.from(a.data)).toEqual([1, 0.25, 0.5]);
    expect(Array.from(b.data)).toEqual([1, 0.75, 0.5]);
    expect([a.height, a.width, a.channels]).toEqual([1, 1, 3]);
  });

  it('can scale the whole layer at once so weak filters stay faint', () => {
    const [, b] = weightImages(rgb, { scale: 'layer' });
    expect(Array.from(b.data)).toEqual([0.625, 0.5625, 0.5]);
  });

  it('makes a grey image for a one-channel filter, rows from the kernel height', () => {
    const [g] = weightImages(grey);
    expect([g.height, g.width, g.channels]).toEqual([2, 1, 1]);
    expect(Array.from(g.data)).toEqual([0, 0.625]);
  });

  it('draws channels 0-2 of a 4-channel filter as RGB, scaled by the drawn weights only', () => {
    const four: ConvWeights = { shape: [1, 4, 1, 1], group: 1, data: Float32Array.from([2, -1, 0, 8]) };
    const [image] = weightImages(four);
    expect(image!.channels).toBe(3);
    expect(Array.from(image!.data)).toEqual([1, 0.25, 0.5]);
  });

  it('draws a 2-channel filter as two grey panels side by side, a white column between', () => {
    const two: ConvWeights = { shape: [1, 2, 1, 2], group: 1, data: Float32Array.from([2, -2, 1, 0]) };
    const [image] = weightImages(two);
    expect([image!.height, image!.width, image!.channels]).toEqual([1, 5, 1]);
    expect(Array.from(image!.data)).toEqual([1, 0, 1, 0.75, 0.5]);
  });

  it('draws an all-zero filter as flat mid-grey', () => {
    const [z] = weightImages({ shape: [1, 1, 1, 2], group: 1, data: new Float32Array(2) });
    expect(Array.from(z.data)).toEqual([0.5, 0.5]);
  });
});
