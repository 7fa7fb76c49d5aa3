import { specializationMarkdown, type LayerSpecialization as CoreLayer, type SpecializationReport as CoreReport } from '@branchscope/core';
import type { LayerSpecialization, SpecializationReport } from '../generated/resolver-types';

/** One layer of core's report in the schema's shape (a range as start and end, the criterion's thresholds beside its verdicts). */
function layerView(layer: CoreLayer): LayerSpecialization {
  const test = layer.branchTest;
  return {
    layer: layer.layer,
    units: layer.units,
    choice: layer.choice,
    color: layer.color,
    colorUnavailable: layer.colorUnavailable,
    branches: layer.branches
      ? { block: layer.branches.block, kind: layer.branches.kind, ranges: layer.branches.ranges.map(({ name, range }) => ({ name, start: range[0], end: range[1] })) }
      : null,
    noBranches: layer.noBranches,
    splitTest: test
      ? {
          colorVerdict: test.colorVerdict,
          frequencyVerdict: test.frequencyVerdict,
          maxP: test.criterion.maxP,
          partialP: test.criterion.partialP,
          minColorGap: test.criterion.minColorGap,
          minFrequencyGap: test.criterion.minFrequencyGap,
          branches: test.branches.map((b) => ({ name: b.name, start: b.range[0], end: b.range[1], medianColorIndex: b.medianColorIndex, medianFrequency: b.medianFrequency })),
          pairs: test.pairs,
        }
      : null,
    next: layer.next,
    factors: layer.factors?.rows ?? null,
    noFactors: layer.noFactors,
    summary: layer.summary,
  };
}

/** The schema's `SpecializationReport` of a stored report, with the job that computed it and when. */
export function specializationReportView(report: CoreReport, jobId: string, computedAt: string): SpecializationReport {
  return {
    modelId: report.modelId,
    weights: report.weights,
    weightsStatement: report.weightsStatement,
    layers: report.layers.map(layerView),
    summary: report.summary,
    markdown: specializationMarkdown(report),
    jobId,
    computedAt,
  };
}
