import type { SpecializationReport } from '@branchscope/core';
import { contentKey, type ResultKey } from '@branchscope/store';

/**
 * The `specialization-report` job: core's `specializationReport` of one model (the colour-index distribution of the
 * chosen layers with its bimodality, the per-branch split test, the |W| factor correlations with colour), computed by
 * a worker from the model's weights and stored under {@link specializationReportKey}.
 */
export const SPECIALIZATION_REPORT_JOB = 'specialization-report';

export interface SpecializationReportInput {
  modelId: string;
  /** The layers to report on; empty for the default (the first layer and the first branched layer). */
  layers: string[];
}

/** What the worker stores: the report itself. */
export type SpecializationReportValue = SpecializationReport;

/** Bumped when the stored report changes meaning (2: Hartigan's dip test added; 3: fields spelled color and centered); older reports are not served again. */
export const SPECIALIZATION_REPORT_VERSION = 3;

/** The content key of one model's report on `layers`; also the job's dedupe key. */
export function specializationReportKey(input: SpecializationReportInput): ResultKey {
  return contentKey(SPECIALIZATION_REPORT_JOB, input.modelId, { layers: input.layers, version: SPECIALIZATION_REPORT_VERSION });
}
