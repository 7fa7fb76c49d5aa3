import { SPECIALIZATION_REPORT_JOB, specializationReportKey, type SpecializationReportInput } from '@branchscope/jobs';
import type { SpecializationReport } from '../generated/resolver-types';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { mapAnswer, type Answer } from './answer';
import type { ModelView } from './model-view';
import { queuedResult } from './queued-result';
import { specializationReportView } from './specialization-report-view';

/**
 * `Model.specializationReport`: core's specialization report of the model on `layer` (the default layers when
 * null), computed once by a `specialization-report` job (answered at once with the job meanwhile), then served from
 * the store by its content key. BAD_USER_INPUT names a layer the model does not have.
 */
export async function getSpecializationReport(deps: ApiDeps, model: ModelView, layer: string | null | undefined): Promise<Answer<SpecializationReport>> {
  if (layer != null && !model.layerByName.has(layer)) throw badInput(`model '${model.id}' has no layer '${layer}'`);
  const input: SpecializationReportInput = { modelId: model.id, layers: layer != null ? [layer] : [] };
  const answer = await queuedResult(deps, SPECIALIZATION_REPORT_JOB, input, specializationReportKey(input));
  return mapAnswer(answer, (result) => specializationReportView(result.value, result.jobId ?? '', result.createdAt));
}
