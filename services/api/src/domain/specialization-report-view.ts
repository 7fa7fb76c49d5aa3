import { specializationMarkdown, type LayerSpecialization as CoreLayer, type SpecializationReport as CoreReport } from '@branchscope/core';
import type { LayerSpecialization, SpecializationReport } from '../generated/resolver-types';

/** One layer of core's report in the schema's words (color spelled as the schema spells it, ranges as start and end). */
function layerView(layer: CoreLayer): LayerSpecialization {
  const test = layer.branchTest;
  return {
    layer: layer.layer,
    units: layer.units,
    choice: layer.choice,
    color: layer.colour
      ? {
          colorIndices: layer.colour.colourIndices,
          frequencies: layer.colour.frequencies,
          histogram: layer.colour.histogram,
          median: layer.colour.median,
          mean: layer.colour.mean,
          dip: layer.colour.dip,
          bimodality: layer.colour.bimodality,
        }
      : null,
    colorUnavailable: layer.colourUnavailable,
    branches: layer.branches
      ? { block: layer.branches.block, kind: layer.branches.kind, ranges: layer.branches.ranges.map(({ name, range }) => ({ name, start: range[0], end: range[1] })) }
      : null,
    noBranches: layer.noBranches,
    splitTest: test
      ? {
          colorVerdict: test.colourVerdict,
          frequencyVerdict: test.frequencyVerdict,
          maxP: test.criterion.maxP,
          partialP: test.criterion.partialP,
          minColorGap: test.criterion.minColourGap,
          minFrequencyGap: test.criterion.minFrequencyGap,
          branches: test.branches.map((b) => ({ name: b.name, start: b.range[0], end: b.range[1], medianColorIndex: b.medianColourIndex, medianFrequency: b.medianFrequency })),
          pairs: test.pairs.map((p) => ({
            a: p.a,
            b: p.b,
            colorP: p.colourP,
            colorPAdjusted: p.colourPAdjusted,
            colorGap: p.colourGap,
            colorVerdict: p.colourVerdict,
            frequencyP: p.frequencyP,
            frequencyPAdjusted: p.frequencyPAdjusted,
            frequencyGap: p.frequencyGap,
            frequencyVerdict: p.frequencyVerdict,
          })),
        }
      : null,
    next: layer.next,
    factors:
      layer.factors?.rows.map((r) => ({
        centered: r.centred,
        vector: r.vector,
        explainedVariance: r.explainedVariance,
        oneSigned: r.oneSigned,
        colorPearson: r.colourPearson,
        colorSpearman: r.colourSpearman,
        frequencyPearson: r.frequencyPearson,
        frequencySpearman: r.frequencySpearman,
      })) ?? null,
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
