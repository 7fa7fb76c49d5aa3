import { getResult, type ResultKey, type ResultRecord } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { answered, pending, type Answer } from './answer';
import { jobView } from './jobs';

/**
 * The result stored under `key`, or, when absent, the job computing it: one job of `kind` (concurrent identical
 * requests share it through the dedupe key) started and returned at once, never awaited. A job that failed is
 * reported by the job itself (status FAILED, error); asking again starts a new one.
 */
export async function queuedResult<V, I>(deps: ApiDeps, kind: string, input: I, key: ResultKey): Promise<Answer<ResultRecord<V>>> {
  const stored = await getResult<V>(deps.store, key);
  if (stored) return answered(stored);
  const job = await deps.queue.enqueue(kind, input, { dedupeKey: key });
  return pending(jobView(job));
}
