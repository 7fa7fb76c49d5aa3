import type { SplitCriterion } from '@branchscope/core';
import { COLOR_TRACKING_MIN_RHO, colorTrackingRho, type ExperimentRun, type ModelSummary } from './experiment-summary';

const f2 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(2));
const fp = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toPrecision(2));
const minutes = (r: ExperimentRun) => (r.seconds / 60).toFixed(1);
const rate = (r: ExperimentRun) => (r.images && r.seconds > 0 ? (r.images / r.seconds).toFixed(0) : '–');

function branchedTable(runs: readonly ExperimentRun[]): string[] {
  const rows = runs.filter((r) => r.report.kind === 'branched');
  if (rows.length === 0) return [];
  const branchCount = Math.max(...rows.map((r) => (r.report.kind === 'branched' ? r.report.branches.branches.length : 0)));
  const heads = Array.from({ length: branchCount }, (_, i) => `CI b${i}`);
  const lines = [
    `| model | seed | acc | ${heads.join(' | ')} | colour p (adj.) | colour gap | colour | freq p (adj.) | frequency | min | images/s |`,
    `|---|---|---|${heads.map(() => '---|').join('')}---|---|---|---|---|---|---|`,
  ];
  for (const r of rows) {
    if (r.report.kind !== 'branched') continue;
    const b = r.report.branches;
    const best = b.pairs.reduce((x, y) => (y.colorP < x.colorP ? y : x));
    const bestF = b.pairs.reduce((x, y) => (y.frequencyP < x.frequencyP ? y : x));
    const cis = Array.from({ length: branchCount }, (_, i) => f2(b.branches[i]?.medianColorIndex));
    lines.push(`| ${r.model} | ${r.seed} | ${f2(r.accuracy)} | ${cis.join(' | ')} | ${fp(best.colorPAdjusted ?? best.colorP)} | ${f2(best.colorGap)} | ${b.colorVerdict} | ${fp(bestF.frequencyPAdjusted ?? bestF.frequencyP)} | ${b.frequencyVerdict} | ${minutes(r)} | ${rate(r)} |`);
  }
  return lines;
}

function tracked(r: ExperimentRun): string {
  const rho = colorTrackingRho(r);
  return rho === undefined ? '–' : `${rho > COLOR_TRACKING_MIN_RHO ? 'yes' : 'no'} (${f2(rho)})`;
}

function controlTable(runs: readonly ExperimentRun[]): string[] {
  const rows = runs.filter((r) => r.report.kind === 'control');
  if (rows.length === 0) return [];
  const lines = [
    `| model | seed | acc | median CI | ρ colour: uncentred 0 | uncentred 1 | centred 0 | centred 1 | colour tracked (\\|ρ\\| > ${COLOR_TRACKING_MIN_RHO}) | ρ frequency: uncentred 1 | centred 0 | min | images/s |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    if (r.report.kind !== 'control') continue;
    const at = (centred: boolean, vector: number) => r.report.kind === 'control' ? r.report.factors.rows.find((x) => x.centered === centred && x.vector === vector) : undefined;
    lines.push(
      `| ${r.model} | ${r.seed} | ${f2(r.accuracy)} | ${f2(r.report.medianColorIndex)} | ${f2(at(false, 0)?.colorSpearman)} | ${f2(at(false, 1)?.colorSpearman)} | ` +
        `${f2(at(true, 0)?.colorSpearman)} | ${f2(at(true, 1)?.colorSpearman)} | ${tracked(r)} | ${f2(at(false, 1)?.frequencySpearman)} | ${f2(at(true, 0)?.frequencySpearman)} | ${minutes(r)} | ${rate(r)} |`,
    );
  }
  return lines;
}

function cost(s: ModelSummary): string {
  return `Training ${(s.seconds / 60).toFixed(1)} min over its seeds${s.imagesPerSecond ? `, median ${s.imagesPerSecond.toFixed(0)} images/s` : ''}.`;
}

function summaryLines(summary: readonly ModelSummary[], c: SplitCriterion): string[] {
  return summary.map((s) => {
    if (s.color && s.frequency) {
      return (
        `- **${s.model}**: colour split in ${s.color.split} of ${s.seeds} seeds (${(100 * s.color.splitFraction).toFixed(0)}%), ` +
        `partial in ${s.color.partial}, none in ${s.color.none}; frequency split in ${s.frequency.split} of ${s.seeds}. ` +
        `Median first-layer colour index ${f2(s.medianColorIndex)}. ${cost(s)}`
      );
    }
    const factors = Object.entries(s.colorFactor ?? {}).map(([k, v]) => `${k} ${f2(v)}`).join(', ');
    return (
      `- **${s.model}** (control): median |Spearman| of colour index with each |W| factor over ${s.seeds} seeds: ${factors}. ` +
      `The factor expected to track colour (the larger of uncentred 1 and centred 0) has |ρ| > ${COLOR_TRACKING_MIN_RHO} in ${s.colorTracked ?? 0} of ${s.seeds} seeds. ` +
      `Median colour index ${f2(s.medianColorIndex)}. ${cost(s)}`
    );
  }).concat([
    '',
    `Split criterion: two-sided Mann-Whitney p < ${c.maxP} between two branches' colour indices AND medians at least ${c.minColorGap} apart ` +
      `(frequency: ${c.minFrequencyGap} cycles/px); partial: p < ${c.partialP} and half the gap. With more than two branches p is ` +
      `Bonferroni-adjusted over the branch pairs and the table shows the pair with the smallest p. ρ is Spearman's; the sign of a singular vector is arbitrary.`,
  ]);
}

/** The experiment as markdown: the summary per model, then one row per seed for branched models and for controls. */
export function experimentMarkdown(title: string, runs: readonly ExperimentRun[], summary: readonly ModelSummary[], criterion: SplitCriterion, notes: string[] = []): string {
  return [
    `# ${title}`,
    '',
    ...notes,
    ...(notes.length > 0 ? [''] : []),
    '## Summary',
    '',
    ...summaryLines(summary, criterion),
    '',
    '## Branched models (first layer, per seed)',
    '',
    ...branchedTable(runs),
    '',
    '## Unbranched controls: |W(conv1 → conv2)| singular vectors against colour index',
    '',
    '|W| is non-negative, so its uncentred first singular vector (uncentred 0) is one-signed and measures how much each unit is used overall; ' +
      'uncentred 1 and centred 0 are the vectors expected to track colour.',
    '',
    ...controlTable(runs),
    '',
  ].join('\n');
}
