import { FETCH_MODEL_JOB, IMPORT_MODEL_JOB, type ImportModelValue } from '@branchscope/jobs';
import { getResult } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import type { JobView } from './jobs';
import { findModelView } from './models';
import type { ModelView } from './model-view';

/** The value a finished job stored under its result key; null when it stored none. */
export async function jobResult(deps: ApiDeps, job: JobView): Promise<unknown> {
  if (!job.resultKey) return null;
  const result = await getResult(deps.store, job.resultKey);
  return result ? result.value : null;
}

/**
 * The model a SUCCEEDED `import-model` or `fetch-model` job stored (the one its result names, which is the model
 * already imported when an identical import got there first); null for other jobs and until the job succeeds.
 */
export async function jobModel(deps: ApiDeps, job: JobView): Promise<ModelView | null> {
  if ((job.kind !== IMPORT_MODEL_JOB && job.kind !== FETCH_MODEL_JOB) || job.status !== 'SUCCEEDED' || !job.resultKey) return null;
  const result = await getResult<ImportModelValue>(deps.store, job.resultKey);
  return result ? findModelView(deps, result.value.modelId) : null;
}
