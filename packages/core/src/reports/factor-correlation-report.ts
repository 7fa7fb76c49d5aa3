import type { NeuronDescriptor } from '../categories/categorize-by-rules';
import type { WeightFactors } from '../factors/weight-factors';
import { pearsonCorrelation, spearmanCorrelation } from '../stats/correlation';

export interface FactorCorrelationInput {
  /** The first layer of the pair (e.g. `conv1`), whose units the descriptors and left vectors describe. */
  layer: string;
  /** One descriptor per unit of `layer`. */
  descriptors: readonly NeuronDescriptor[];
  /** Factors of |W(layer → next)|, uncentred and centred (see `weightFactors`). */
  uncentered: WeightFactors;
  centered: WeightFactors;
  /** How many leading vectors of each to correlate (default 2: vectors 0 and 1). */
  vectors?: number;
}

export interface FactorCorrelation {
  centered: boolean;
  vector: number;
  explainedVariance: number;
  /** Every loading has the same sign (expected for uncentred vector 0 of a non-negative matrix). */
  oneSigned: boolean;
  /** Pearson and Spearman correlation of the left loadings with colour index and frequency. Signs are arbitrary. */
  colorPearson: number;
  colorSpearman: number;
  frequencyPearson: number;
  frequencySpearman: number;
  /** The vector's left loading of every unit of `layer`, in unit order (for plots). */
  loadings: number[];
}

export interface FactorCorrelationReport {
  layer: string;
  rows: FactorCorrelation[];
  /** The row whose |Spearman| with colour index is largest. */
  bestColor: { centered: boolean; vector: number; spearman: number };
  summary: string[];
}

/**
 * For an unbranched control: how well the leading left singular vectors of |W| (uncentred and centred)
 * track each unit's colour index and frequency. An implicit colour split shows as a vector whose loadings
 * correlate with colour index; because |W| is non-negative, uncentred vector 0 is one-signed and measures
 * overall use, so the colour factor is expected at uncentred vector 1 or centred vector 0.
 * @throws RangeError naming the layer when descriptors and factor rows disagree in count.
 */
export function factorCorrelationReport(input: FactorCorrelationInput): FactorCorrelationReport {
  const { layer, descriptors } = input;
  const vectors = input.vectors ?? 2;
  const sorted = [...descriptors].sort((a, b) => a.unit - b.unit);
  const colorIndices = sorted.map((d) => d.colorIndex);
  const frequency = sorted.map((d) => d.frequency);
  const rows: FactorCorrelation[] = [];
  for (const factors of [input.uncentered, input.centered]) {
    const { left } = factors;
    if (left.rows !== sorted.length) {
      throw new RangeError(`factor report on ${layer}: ${sorted.length} descriptors but the ${factors.centered ? 'centred' : 'uncentred'} factors have ${left.rows} rows`);
    }
    for (let k = 0; k < Math.min(vectors, left.cols); k++) {
      const loadings = Array.from({ length: left.rows }, (_, i) => left.data[i * left.cols + k]!);
      rows.push({
        centered: factors.centered,
        vector: k,
        explainedVariance: factors.explainedVariance[k] ?? 0,
        oneSigned: loadings.every((v) => v >= 0) || loadings.every((v) => v <= 0),
        colorPearson: pearsonCorrelation(loadings, colorIndices),
        colorSpearman: spearmanCorrelation(loadings, colorIndices),
        frequencyPearson: pearsonCorrelation(loadings, frequency),
        frequencySpearman: spearmanCorrelation(loadings, frequency),
        loadings,
      });
    }
  }
  const best = rows.reduce((a, b) => (Math.abs(b.colorSpearman) > Math.abs(a.colorSpearman) ? b : a));
  const name = (r: FactorCorrelation) => `${r.centered ? 'centred' : 'uncentred'} vector ${r.vector}`;
  const summary = [
    '|W| is non-negative, so its uncentred first singular vector (vector 0) is one-signed and measures how much each unit is used overall; ' +
      'the next one (uncentred vector 1) and the centred first one are those expected to track colour.',
    ...rows.map(
      (r) =>
        `${layer} ${name(r)} (${(100 * r.explainedVariance).toFixed(1)}% of |W|'s energy${r.oneSigned ? ', one-signed' : ''}): ` +
        `Spearman with colour index ${r.colorSpearman.toFixed(2)}, with frequency ${r.frequencySpearman.toFixed(2)}.`,
    ),
    `Strongest colour factor: ${name(best)} (|Spearman| ${Math.abs(best.colorSpearman).toFixed(2)}).`,
  ];
  return { layer, rows, bestColor: { centered: best.centered, vector: best.vector, spearman: best.colorSpearman }, summary };
}
