import { specializationReport, type WeightsOrigin } from '@branchscope/core';
import {
  SPECIALIZATION_REPORT_JOB,
  specializationReportKey,
  type JobData,
  type JobHandler,
  type SpecializationReportInput,
} from '@branchscope/jobs';
import type { ModelRecord } from '@branchscope/store';
import { loadModelWeights } from '../load-model-weights';

export interface SpecializationReportDeps {
  data: JobData;
}

/** What a stored model's weights are, in the report's words, and where they come from. */
export function weightsOriginOf(model: ModelRecord): { origin: WeightsOrigin; detail: string } {
  const spec = model.weights as { kind: string; seed?: unknown; path?: unknown };
  if (spec.kind === 'seeded') return { origin: 'seeded-random', detail: `seed ${String(spec.seed)}` };
  if (spec.kind === 'checkpoint') return { origin: 'trained-here', detail: `checkpoint ${String(spec.path)}` };
  return { origin: 'imported', detail: `model '${model.name}'` };
}

/**
 * The `specialization-report` handler: reads the model and its weights from the store, computes core's
 * `specializationReport` on the layers asked for (the default ones when none) and stores it under
 * {@link specializationReportKey}. Throws (failing the job) naming the model or the layer that is not there.
 */
export function specializationReportHandler(deps: SpecializationReportDeps): JobHandler<SpecializationReportInput> {
  return async ({ input, job, reportProgress }) => {
    const model = await deps.data.reads.requireModel(input.modelId);
    const weights = await loadModelWeights(deps.data.reads, model);
    await reportProgress(0.2);
    const { origin, detail } = weightsOriginOf(model);
    const value = specializationReport({
      model: { id: model.id, name: model.name },
      weights: origin,
      weightsDetail: detail,
      graph: model.graph,
      conv: (layer) => weights.conv(layer),
      layers: input.layers,
    });
    const key = specializationReportKey(input);
    await deps.data.writes.putResult({ key, kind: SPECIALIZATION_REPORT_JOB, modelId: model.id, params: { layers: input.layers }, value, jobId: job.id });
    return { resultKey: key };
  };
}
