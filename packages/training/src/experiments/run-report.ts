import {
  branchSpecializationReport,
  describeFilters,
  factorCorrelationReport,
  layerPairMatrix,
  median,
  weightFactors,
  type BranchSpecializationReport,
  type FactorCorrelationReport,
  type Graph,
  type NeuronDescriptor,
  type SplitCriterion,
} from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import { firstLayer } from './first-layer';

interface RunReportBase {
  layer: string;
  /** Colour index and frequency of every first-layer filter, from its weights. */
  descriptors: NeuronDescriptor[];
  medianColorIndex: number;
}

/** A branched model: do its first-layer branches differ in colour and frequency? */
export interface BranchedRunReport extends RunReportBase {
  kind: 'branched';
  branches: BranchSpecializationReport;
}

/** An unbranched control: do the singular vectors of |W(first → next)| track colour and frequency? */
export interface ControlRunReport extends RunReportBase {
  kind: 'control';
  next: string;
  factors: FactorCorrelationReport;
}

export type RunReport = BranchedRunReport | ControlRunReport;

/**
 * The specialization report of one trained model, computed from its weights alone: first-layer descriptors,
 * then the branch comparison (branched) or the |W| factor correlations (unbranched control).
 * @throws Error naming the graph when its first layer cannot be found or an unbranched one feeds no conv.
 */
export function runReport(graph: Graph, weights: WeightSource, criterion: Partial<SplitCriterion> = {}): RunReport {
  const first = firstLayer(graph, weights);
  const descriptors: NeuronDescriptor[] = describeFilters(first.weights).map((d, unit) => ({
    layer: first.layer,
    unit,
    colorIndex: Math.min(1, Math.max(0, d.colorIndex)),
    frequency: d.frequency,
  }));
  const medianColorIndex = median(descriptors.map((d) => d.colorIndex));
  if (first.branches.length >= 2) {
    const branches = branchSpecializationReport({ layer: first.layer, descriptors, branches: first.branches, criterion });
    return { kind: 'branched', layer: first.layer, descriptors, medianColorIndex, branches };
  }
  if (!first.next) throw new Error(`graph '${graph.name}': unbranched first layer '${first.layer}' feeds no conv, so there is no |W| to factor`);
  const a = layerPairMatrix(graph, first.layer, first.next, weights.conv(first.next));
  const factors = factorCorrelationReport({
    layer: first.layer,
    descriptors,
    uncentered: weightFactors(a, { centered: false }),
    centered: weightFactors(a, { centered: true }),
  });
  return { kind: 'control', layer: first.layer, next: first.next, descriptors, medianColorIndex, factors };
}
