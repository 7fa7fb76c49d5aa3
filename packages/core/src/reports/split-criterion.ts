/** When a difference between two branches counts as a split: a Mann-Whitney p and a gap between medians. */
export interface SplitCriterion {
  /** `split` needs p below this (two-sided Mann-Whitney between the two branches). */
  maxP: number;
  /** `split` needs the medians' colour indices at least this far apart (colour index is in [0, 1]). */
  minColorGap: number;
  /** `split` in frequency needs the median frequencies at least this far apart (cycles per pixel). */
  minFrequencyGap: number;
  /** `partial` needs p below this and at least half the gap. */
  partialP: number;
}

/**
 * The default: p < 0.01 and medians 0.2 apart in colour index (0.05 cycles/px in frequency) is a split;
 * p < 0.05 and half that gap is partial. 0.2 is a fifth of the colour index's range: AlexNet's branches
 * differ by far more (grey Gabors near 0 against colour blobs near 0.7-1), a random assignment by far less.
 */
export const DEFAULT_SPLIT_CRITERION: Readonly<SplitCriterion> = Object.freeze({
  maxP: 0.01,
  minColorGap: 0.2,
  minFrequencyGap: 0.05,
  partialP: 0.05,
});

export type SplitVerdict = 'split' | 'partial' | 'none';

/** The verdict for one pair of branches from its p-value and the absolute gap between its medians. */
export function splitVerdict(p: number, gap: number, minGap: number, criterion: SplitCriterion): SplitVerdict {
  if (p < criterion.maxP && gap >= minGap) return 'split';
  if (p < criterion.partialP && gap >= minGap / 2) return 'partial';
  return 'none';
}

/** Checks a criterion, naming the field that is out of range. */
export function checkSplitCriterion(criterion: SplitCriterion): void {
  for (const key of ['maxP', 'partialP'] as const) {
    const v = criterion[key];
    if (!(v > 0 && v <= 1)) throw new RangeError(`split criterion ${key} must be in (0, 1], got ${v}`);
  }
  for (const key of ['minColorGap', 'minFrequencyGap'] as const) {
    const v = criterion[key];
    if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`split criterion ${key} must be finite and >= 0, got ${v}`);
  }
  if (criterion.partialP < criterion.maxP) {
    throw new RangeError(`split criterion partialP (${criterion.partialP}) must not be below maxP (${criterion.maxP})`);
  }
}
