import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorIndex, createRandom, describeImage } from '@branchscope/core';
import { maxNormalisedCrossCorrelation, PLANTED, plantedModel } from './planted-filters.test-support';
import { renderFeatures, type RenderResult } from './render';
import { useBackend } from '@branchscope/runtime/testing';

/**
 * Planted truth: a one-conv model whose three units are a grey grating, a red-on-green blob and a grey
 * centre-surround (9 x 9 x 3 each). Each unit's rendering must contain its own filter: the best Pearson
 * correlation between the filter and any 9 x 9 window of the image (robust to translation) must exceed 0.55,
 * beat the same score for the two other filters, and beat what uniform noise reaches (about 0.2).
 * wasm is used because it runs these convolutions several times faster than the cpu backend.
 */
const MATCH_THRESHOLD = 0.55;
const SIZE = 40;
const names = ['grating', 'colour blob', 'centre-surround'];

describe('feature visualization of planted filters', () => {
  let result: RenderResult;
  const planted = plantedModel(PLANTED);

  beforeAll(async () => {
    await useBackend('wasm');
    result = await renderFeatures({
      model: planted.model,
      inputSize: SIZE,
      channels: 3,
      inputRange: [-1, 1],
      units: [0, 1, 2],
      steps: 96,
      seed: 1,
    });
  });
  afterAll(async () => {
    planted.dispose();
    await useBackend('cpu');
  });

  it.each([0, 1, 2])('renders unit %i as its own planted filter, better than the other filters', (unit) => {
    const scores = PLANTED.map((filter) => maxNormalisedCrossCorrelation(result.images[unit], filter));
    const rivals = scores.filter((_, i) => i !== unit);
    expect(scores[unit], `${names[unit]}: ${scores.map((s) => s.toFixed(3)).join(', ')}`).toBeGreaterThan(MATCH_THRESHOLD);
    expect(scores[unit]).toBeGreaterThan(Math.max(...rivals));
  });

  it('sets the match threshold well above what uniform noise reaches', () => {
    const random = createRandom(5);
    const noise = { data: Float32Array.from({ length: SIZE * SIZE * 3 }, () => random.next()), height: SIZE, width: SIZE, channels: 3 };
    for (const filter of PLANTED) expect(maxNormalisedCrossCorrelation(noise, filter)).toBeLessThan(MATCH_THRESHOLD - 0.2);
  });

  it('describes the rendered grating by its planted frequency (within 0.05 cycles/px) and orientation (10 degrees)', () => {
    const { frequency, orientation } = describeImage(result.images[0]);
    expect(Math.abs(frequency - 0.25)).toBeLessThan(0.05);
    expect(Math.abs(orientation - 30)).toBeLessThan(10);
  });

  it('gives the colour blob rendering a colour index over three times that of the renderings of the grey units', () => {
    const [grating, blob, centreSurround] = result.images.map(colorIndex);
    expect(blob).toBeGreaterThan(3 * Math.max(grating, centreSurround));
  });

  it('raises every unit objective at least tenfold from the first eight steps to the last eight', () => {
    const mean = (rows: number[][], unit: number) => rows.reduce((s, r) => s + r[unit], 0) / rows.length;
    for (const unit of [0, 1, 2]) {
      const first = mean(result.perImageTrace.slice(0, 8), unit);
      const last = mean(result.perImageTrace.slice(-8), unit);
      expect(last).toBeGreaterThan(10 * Math.max(first, 1e-3));
    }
  });
});
