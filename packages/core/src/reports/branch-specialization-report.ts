import { categorizeByRules, type CategoryRules, type NeuronDescriptor } from '../categories/categorize-by-rules';
import type { NamedBranchRange } from '../categories/parse-published-categories';
import { branchEnrichment, type EnrichmentRow } from '../stats/enrichment';
import { mannWhitneyU } from '../stats/mann-whitney';
import { median } from './median';
import { checkSplitCriterion, DEFAULT_SPLIT_CRITERION, splitVerdict, type SplitCriterion, type SplitVerdict } from './split-criterion';

export interface BranchReportInput {
  /** The layer whose units are described (e.g. `conv1`). */
  layer: string;
  /** One descriptor per unit of the layer, units 0..n-1 in any order. */
  descriptors: readonly NeuronDescriptor[];
  /** At least two branches as unit ranges of the layer. */
  branches: readonly NamedBranchRange[];
  criterion?: Partial<SplitCriterion>;
  /** Thresholds of the colour / black-and-white and frequency categories used for enrichment. */
  rules?: Partial<CategoryRules>;
}

export interface BranchSummary {
  name: string;
  range: [number, number];
  colorIndices: number[];
  frequencies: number[];
  medianColorIndex: number;
  medianFrequency: number;
}

export interface PairComparison {
  a: string;
  b: string;
  /** Two-sided Mann-Whitney p of the colour indices of a's units against b's. */
  colorP: number;
  /** colorP times the number of pairs (Bonferroni, at most 1): what the verdict uses, so 4 branches (6 pairs) are not 6 tries. */
  colorPAdjusted: number;
  /** Median colour index of a minus that of b. */
  colorGap: number;
  colorVerdict: SplitVerdict;
  frequencyP: number;
  frequencyPAdjusted: number;
  frequencyGap: number;
  frequencyVerdict: SplitVerdict;
}

export interface BranchSpecializationReport {
  layer: string;
  units: number;
  criterion: SplitCriterion;
  branches: BranchSummary[];
  /** Every pair of branches, in branch order. */
  pairs: PairComparison[];
  /** The strongest verdict over all pairs ('split' beats 'partial' beats 'none'). */
  colorVerdict: SplitVerdict;
  frequencyVerdict: SplitVerdict;
  /** Per-branch enrichment of the rule categories (colour, black-and-white, low/mid/high frequency). */
  enrichment: EnrichmentRow[];
  /** Plain sentences stating what the numbers show, a negative result included. */
  summary: string[];
}

const RANK: Record<SplitVerdict, number> = { none: 0, partial: 1, split: 2 };
const strongest = (verdicts: SplitVerdict[]): SplitVerdict => verdicts.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'none');

function describedUnits(layer: string, descriptors: readonly NeuronDescriptor[]): NeuronDescriptor[] {
  const byUnit: NeuronDescriptor[] = [];
  for (const d of descriptors) {
    if (d.layer !== layer) throw new RangeError(`report on ${layer}: a descriptor is for layer ${d.layer}`);
    if (!Number.isInteger(d.unit) || d.unit < 0 || d.unit >= descriptors.length) {
      throw new RangeError(`report on ${layer}: unit ${d.unit} is outside [0, ${descriptors.length}) (one descriptor per unit is needed)`);
    }
    if (byUnit[d.unit]) throw new RangeError(`report on ${layer}: unit ${d.unit} is described twice`);
    byUnit[d.unit] = d;
  }
  return byUnit;
}

const fmt = (x: number, digits = 2): string => x.toFixed(digits);
const fmtP = (p: number): string => (p < 1e-4 ? p.toExponential(1) : p.toPrecision(2));

/**
 * Whether a branched layer's units divide by colour and by frequency between branches: per-branch medians,
 * a Mann-Whitney test for every pair of branches with a verdict from {@link SplitCriterion}, and the
 * hypergeometric enrichment of rule categories per branch. Pure: descriptors come from weights or images.
 * @throws RangeError naming the layer when descriptors are missing, repeated or of another layer, or
 *   when fewer than two branches are given.
 */
export function branchSpecializationReport(input: BranchReportInput): BranchSpecializationReport {
  const { layer, branches } = input;
  const criterion: SplitCriterion = { ...DEFAULT_SPLIT_CRITERION, ...input.criterion };
  checkSplitCriterion(criterion);
  if (branches.length < 2) throw new RangeError(`report on ${layer}: needs at least 2 branches, got ${branches.length}`);
  const units = describedUnits(layer, input.descriptors);
  const summaries: BranchSummary[] = branches.map(({ name, range }) => {
    const [start, end] = range;
    if (!(start >= 0 && end <= units.length && start < end)) {
      throw new RangeError(`report on ${layer}: branch ${name} range [${start}, ${end}) is not within [0, ${units.length})`);
    }
    const members = units.slice(start, end);
    const colorIndices = members.map((d) => d.colorIndex);
    const frequencies = members.map((d) => d.frequency);
    return { name, range: [start, end], colorIndices, frequencies, medianColorIndex: median(colorIndices), medianFrequency: median(frequencies) };
  });
  const pairs: PairComparison[] = [];
  const pairCount = (summaries.length * (summaries.length - 1)) / 2;
  const adjust = (p: number) => Math.min(1, p * pairCount);
  for (let i = 0; i < summaries.length; i++) {
    for (let j = i + 1; j < summaries.length; j++) {
      const a = summaries[i]!;
      const b = summaries[j]!;
      const colorP = mannWhitneyU(a.colorIndices, b.colorIndices).p;
      const frequencyP = mannWhitneyU(a.frequencies, b.frequencies).p;
      const colorGap = a.medianColorIndex - b.medianColorIndex;
      const frequencyGap = a.medianFrequency - b.medianFrequency;
      pairs.push({
        a: a.name,
        b: b.name,
        colorP,
        colorPAdjusted: adjust(colorP),
        colorGap,
        colorVerdict: splitVerdict(adjust(colorP), Math.abs(colorGap), criterion.minColorGap, criterion),
        frequencyP,
        frequencyPAdjusted: adjust(frequencyP),
        frequencyGap,
        frequencyVerdict: splitVerdict(adjust(frequencyP), Math.abs(frequencyGap), criterion.minFrequencyGap, criterion),
      });
    }
  }
  const labels = categorizeByRules(units, input.rules ?? {}).labels;
  const enrichment = branchEnrichment({ layer, units: units.length, branches, labels });
  const colorVerdict = strongest(pairs.map((p) => p.colorVerdict));
  const frequencyVerdict = strongest(pairs.map((p) => p.frequencyVerdict));
  return {
    layer,
    units: units.length,
    criterion,
    branches: summaries,
    pairs,
    colorVerdict,
    frequencyVerdict,
    enrichment,
    summary: summarize(layer, summaries, pairs, colorVerdict, frequencyVerdict, criterion),
  };
}

function summarize(
  layer: string,
  branches: BranchSummary[],
  pairs: PairComparison[],
  colorVerdict: SplitVerdict,
  frequencyVerdict: SplitVerdict,
  c: SplitCriterion,
): string[] {
  const lines = branches.map(
    (b) => `${layer} ${b.name}: median colour index ${fmt(b.medianColorIndex)}, median frequency ${fmt(b.medianFrequency, 3)} cycles/px (${b.colorIndices.length} units).`,
  );
  const best = (key: 'colorP' | 'frequencyP') => pairs.reduce((x, y) => (y[key] < x[key] ? y : x));
  const color = best('colorP');
  const freq = best('frequencyP');
  const adjusted = pairs.length > 1 ? ` (Bonferroni over ${pairs.length} pairs: ${fmtP(color.colorPAdjusted)})` : '';
  const adjustedF = pairs.length > 1 ? ` (Bonferroni: ${fmtP(freq.frequencyPAdjusted)})` : '';
  const words: Record<SplitVerdict, string> = {
    split: 'split',
    partial: 'partial split (weaker than the criterion)',
    none: 'no split',
  };
  lines.push(
    `Colour: ${words[colorVerdict]}. Most different pair ${color.a} vs ${color.b}: Mann-Whitney p = ${fmtP(color.colorP)}${adjusted}, ` +
      `median gap ${fmt(color.colorGap)} (split needs p < ${c.maxP} and |gap| >= ${c.minColorGap}).`,
  );
  lines.push(
    `Frequency: ${words[frequencyVerdict]}. Most different pair ${freq.a} vs ${freq.b}: p = ${fmtP(freq.frequencyP)}${adjustedF}, ` +
      `median gap ${fmt(freq.frequencyGap, 3)} cycles/px (split needs p < ${c.maxP} and |gap| >= ${c.minFrequencyGap}).`,
  );
  return lines;
}
