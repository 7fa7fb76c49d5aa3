import { describe, expect, it } from 'vitest';
import type { ConvWeights } from '../graph/graph';
import { gaussian, grating, pattern } from './descriptors.test-support';
import { filterAsImage } from './filter-as-image';
import type { HwcImage } from './hwc-image';
import { describeFilters } from './neuron-descriptors';

/** Packs HWC filters into OIHW conv weights. */
function toWeights(filters: HwcImage[]): ConvWeights {
  const { height: k, channels: c } = filters[0];
  const data = new Float32Array(filters.length * c * k * k);
  filters.forEach((f, o) => {
    for (let ch = 0; ch < c; ch++) for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) data[((o * c + ch) * k + y) * k + x] = f.data[(y * k + x) * c + ch];
  });
  return { shape: [filters.length, c, k, k], group: 1, data };
}

describe('describeFilters', () => {
  const filters = [grating(11, 0.25, 60), pattern(11, (y, x, c) => [1, -1, 0][c] * gaussian(y, x, 2))];
  const weights = toWeights(filters);

  it('reads OIHW filters back as the HWC images they were packed from', () => {
    expect(Array.from(filterAsImage(weights, 1).data)).toEqual(Array.from(filters[1].data));
  });

  it('describes a grey grating as black-and-white at its frequency and orientation', () => {
    const [g] = describeFilters(weights);
    expect(g.colorIndex).toBeLessThan(0.01);
    expect(Math.abs(g.frequency - 0.25)).toBeLessThan(1 / 11);
    expect(Math.abs(g.orientation - 60)).toBeLessThan(10);
  });

  it('describes an opponent colour blob as colour at a low frequency', () => {
    const [, blob] = describeFilters(weights);
    expect(blob.colorIndex).toBeGreaterThan(0.9);
    expect(blob.frequency).toBeLessThan(1.5 / 11);
  });

  it('names the filter count when asked for a filter that does not exist', () => {
    expect(() => filterAsImage(weights, 2)).toThrow('the layer has 2 filters (0..1); filter 2 does not exist');
  });
});
