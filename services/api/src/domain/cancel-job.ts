import { getJob } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { notFound } from './api-error';
import { jobView, type JobView } from './jobs';

/** The error a job cancelled through the API records, naming who asked. */
export const CANCELLED_THROUGH_API = 'cancelled through the API (cancelJob)';

/**
 * Cancels a queued or running job: it is recorded CANCELLED at once (its `jobProgress` subscribers get that state and
 * complete) and its handler's signal stops the work. A job that already ended is returned as it is. NOT_FOUND for
 * an unknown id.
 */
export async function cancelJob(deps: ApiDeps, id: string): Promise<JobView> {
  if (!(await getJob(deps.store, id))) throw notFound(`no job with id '${id}'`);
  return jobView(await deps.queue.cancel(id, CANCELLED_THROUGH_API));
}
