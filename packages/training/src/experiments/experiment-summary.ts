import { median, type FactorCorrelation, type SplitVerdict } from '@branchscope/core';
import type { RunReport } from './run-report';

/** One trained seed of one model and its report. */
export interface ExperimentRun {
  model: string;
  seed: number;
  epochs: number;
  /** Wall-clock training time. */
  seconds: number;
  /** Images trained on (epochs x dataset images); with `seconds`, the run's throughput. */
  images?: number;
  /** Training loss and accuracy over the last epoch, where the trainer reported them. */
  loss?: number;
  accuracy?: number;
  report: RunReport;
}

export interface ModelSummary {
  model: string;
  kind: RunReport['kind'];
  seeds: number;
  /** Branched models: how many seeds gave each colour verdict, and the fraction that split. */
  color?: Record<SplitVerdict, number> & { splitFraction: number };
  frequency?: Record<SplitVerdict, number> & { splitFraction: number };
  /** Median over seeds of the median first-layer colour index. */
  medianColorIndex: number;
  /** Controls: median over seeds of |Spearman| between colour index and each factor (`uncentred 0`, ...). */
  colorFactor?: Record<string, number>;
  /** Controls: seeds where the factor expected to track colour (the larger |ρ| of uncentred 1 and centred 0) passes |ρ| > 0.5. */
  colorTracked?: number;
  /** Training wall time summed over seeds, and the median images/s of the runs that recorded their images. */
  seconds: number;
  imagesPerSecond?: number;
}

/** A control's factor expected to track colour: of uncentred 1 and centred 0, the one with the larger |ρ| with colour index. */
export function colorTrackingRow(run: ExperimentRun): FactorCorrelation | undefined {
  if (run.report.kind !== 'control') return undefined;
  const rows = run.report.factors.rows.filter((r) => (r.centered && r.vector === 0) || (!r.centered && r.vector === 1));
  return rows.reduce<FactorCorrelation | undefined>((best, r) => (!best || Math.abs(r.colorSpearman) > Math.abs(best.colorSpearman) ? r : best), undefined);
}

/** |ρ| of colour index with a control's colour-tracking factor ({@link colorTrackingRow}). */
export const colorTrackingRho = (run: ExperimentRun): number | undefined => {
  const row = colorTrackingRow(run);
  return row ? Math.abs(row.colorSpearman) : undefined;
};

/** |ρ| a control's colour-tracking factor must pass in a seed (issue #14's goal). */
export const COLOR_TRACKING_MIN_RHO = 0.5;

const count = (verdicts: SplitVerdict[]) => {
  const c = { split: 0, partial: 0, none: 0 };
  for (const v of verdicts) c[v]++;
  return { ...c, splitFraction: verdicts.length > 0 ? c.split / verdicts.length : 0 };
};

/** Per model, in order of first appearance: verdict counts over seeds (branched) or factor correlations (controls). */
export function summarizeExperiment(runs: readonly ExperimentRun[]): ModelSummary[] {
  const models = [...new Set(runs.map((r) => r.model))];
  return models.map((model) => {
    const mine = runs.filter((r) => r.model === model);
    const kind = mine[0]!.report.kind;
    const rates = mine.flatMap((r) => (r.images && r.seconds > 0 ? [r.images / r.seconds] : []));
    const summary: ModelSummary = {
      model,
      kind,
      seeds: mine.length,
      medianColorIndex: median(mine.map((r) => r.report.medianColorIndex)),
      seconds: mine.reduce((t, r) => t + r.seconds, 0),
      ...(rates.length > 0 ? { imagesPerSecond: median(rates) } : {}),
    };
    const branched = mine.flatMap((r) => (r.report.kind === 'branched' ? [r.report.branches] : []));
    if (branched.length > 0) {
      summary.color = count(branched.map((b) => b.colorVerdict));
      summary.frequency = count(branched.map((b) => b.frequencyVerdict));
    }
    const controls = mine.flatMap((r) => (r.report.kind === 'control' ? [r.report.factors] : []));
    if (controls.length > 0) {
      const keys = controls[0]!.rows.map((row) => `${row.centered ? 'centred' : 'uncentred'} ${row.vector}`);
      summary.colorFactor = Object.fromEntries(keys.map((key, i) => [key, median(controls.map((c) => Math.abs(c.rows[i]!.colorSpearman)))]));
      summary.colorTracked = mine.filter((r) => (colorTrackingRho(r) ?? 0) > COLOR_TRACKING_MIN_RHO).length;
    }
    return summary;
  });
}
