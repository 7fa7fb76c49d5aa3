import type { NeuronDescriptor } from '../categories/categorize-by-rules';
import { describeFilters } from '../descriptors/neuron-descriptors';
import type { ConvWeights } from '../graph/graph';

const K = 7;

/** A grey grating (same value in R, G and B) at frequency 0.2-0.35 cycles/px, one of 8 orientations. */
function greyGrating(i: number): (y: number, x: number, c: number) => number {
  const t = (i * Math.PI) / 8;
  const f = 0.2 + 0.02 * (i % 8);
  return (y, x) => Math.cos(2 * Math.PI * f * (x * Math.cos(t) + y * Math.sin(t))) * Math.exp(-(x * x + y * y) / 8);
}

/** A low-frequency colour blob: a Gaussian that is up in one channel and down in another (opponent colour). */
function colorBlob(i: number): (y: number, x: number, c: number) => number {
  const up = i % 3;
  const down = (i + 1) % 3;
  const sigma = 1.5 + 0.1 * (i % 5);
  return (y, x, c) => (c === up ? 1 : c === down ? -0.6 : 0.1) * Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
}

/** OIHW weights of `kinds.length` 7x7 RGB filters, filter o drawn by kinds[o]. */
export function plantedWeights(kinds: readonly ('grey' | 'color')[]): ConvWeights {
  const data = new Float32Array(kinds.length * 3 * K * K);
  const mid = (K - 1) / 2;
  kinds.forEach((kind, o) => {
    const f = kind === 'grey' ? greyGrating(o) : colorBlob(o);
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < K; y++) for (let x = 0; x < K; x++) data[((o * 3 + c) * K + y) * K + x] = f(y - mid, x - mid, c);
    }
  });
  return { shape: [kinds.length, 3, K, K], group: 1, data };
}

/** Descriptors of planted filters as the rule categories expect them. */
export function plantedDescriptors(layer: string, kinds: readonly ('grey' | 'color')[]): NeuronDescriptor[] {
  return describeFilters(plantedWeights(kinds)).map((d, unit) => ({ layer, unit, colorIndex: d.colorIndex, frequency: d.frequency }));
}
