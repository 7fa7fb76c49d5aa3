import { DEFAULT_SPLIT_CRITERION, smallAlexnetGraph } from '@branchscope/core';
import { describe, expect, it } from 'vitest';
import { seededWeights } from '@branchscope/runtime';
import { experimentMarkdown } from './experiment-markdown';
import { experimentSvg } from './experiment-svg';
import { controlFactorsSvg } from './control-factors-svg';
import { colorTrackingRho, summarizeExperiment, type ExperimentRun } from './experiment-summary';
import { runReport } from './run-report';

function runs(): ExperimentRun[] {
  const branched = smallAlexnetGraph({ branches: 2 });
  const control = smallAlexnetGraph({ branches: 1 });
  const report = runReport(branched, seededWeights(branched, 1));
  if (report.kind !== 'branched') throw new Error('expected a branched report');
  // Seed 2 is made to split by overriding its verdict: the summary counts verdicts, it does not recompute them.
  const split = { ...report, branches: { ...report.branches, colorVerdict: 'split' as const } };
  return [
    { model: 'small-alexnet-2b', seed: 1, epochs: 1, seconds: 60, images: 6000, accuracy: 0.5, report },
    { model: 'small-alexnet-1b', seed: 1, epochs: 1, seconds: 1, report: runReport(control, seededWeights(control, 1)) },
    { model: 'small-alexnet-2b', seed: 2, epochs: 1, seconds: 120, images: 6000, report: split },
  ];
}

describe('summarizeExperiment', () => {
  it('counts colour verdicts over seeds and gives the fraction that split', () => {
    const [branched] = summarizeExperiment(runs());
    expect(branched!.model).toBe('small-alexnet-2b');
    expect(branched!.seeds).toBe(2);
    expect(branched!.color).toMatchObject({ split: 1, none: 1, splitFraction: 0.5 });
  });

  it('gives controls the median |Spearman| of colour index with each |W| factor', () => {
    const control = summarizeExperiment(runs())[1]!;
    expect(control.kind).toBe('control');
    expect(Object.keys(control.colorFactor!)).toEqual(['uncentred 0', 'uncentred 1', 'centred 0', 'centred 1']);
  });

  it("counts a control's seeds whose colour-tracking factor (the larger |ρ| of uncentred 1 and centred 0) passes 0.5", () => {
    const all = runs();
    const rho = colorTrackingRho(all[1]!)!;
    const rows = all[1]!.report.kind === 'control' ? all[1]!.report.factors.rows : [];
    const expected = Math.max(...rows.filter((r) => r.centered === (r.vector === 0)).map((r) => Math.abs(r.colorSpearman)));
    expect(rho).toBeCloseTo(expected, 12);
    expect(summarizeExperiment(all)[1]!.colorTracked).toBe(rho > 0.5 ? 1 : 0);
  });

  it('sums training time over seeds and gives the median throughput of the runs that recorded their images', () => {
    const [branched, control] = summarizeExperiment(runs());
    expect(branched).toMatchObject({ seconds: 180, imagesPerSecond: 75 });
    expect(control!.imagesPerSecond).toBeUndefined();
  });
});

describe('experimentMarkdown and experimentSvg', () => {
  it('state the fraction of seeds that split and the criterion', () => {
    const all = runs();
    const md = experimentMarkdown('t', all, summarizeExperiment(all), DEFAULT_SPLIT_CRITERION);
    expect(md).toMatch(/colour split in 1 of 2 seeds \(50%\)/);
    expect(md).toMatch(/Mann-Whitney p < 0\.01 .* at least 0\.2 apart/);
    expect(md).toMatch(/one-signed and measures how much each unit is used overall/);
  });

  it('writes tables whose every row has as many cells as its header (a |ρ| in a cell is escaped)', () => {
    const all = runs();
    const lines = experimentMarkdown('t', all, summarizeExperiment(all), DEFAULT_SPLIT_CRITERION).split('\n');
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const tables = lines.flatMap((line, i) => (line.startsWith('|---') ? [i - 1] : []));
    expect(tables.length).toBe(2);
    for (const head of tables) {
      for (let i = head + 1; lines[i]?.startsWith('|'); i++) expect(cells(lines[i]!), lines[i]).toBe(cells(lines[head]!));
    }
  });

  it('draws one dot per first-layer unit of every branched run', () => {
    const svg = experimentSvg(runs());
    expect(svg.match(/<circle [^>]*r="2.2"/g)).toHaveLength(64);
    expect(svg).toMatch(/>split</);
  });

  it("scatters each control's units by colour index and their loading on its colour-tracking factor", () => {
    const all = runs();
    const svg = controlFactorsSvg(all);
    expect(svg.match(/<circle /g)).toHaveLength(32);
    const rho = colorTrackingRho(all[1]!)!;
    expect(svg).toContain(`seed 1: `);
    expect(svg).toMatch(new RegExp(`ρ -?${rho.toFixed(2)}<`));
  });
});
