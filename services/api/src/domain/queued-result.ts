import { getResult, type ResultKey, type ResultRecord } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { ApiError } from './api-error';

/**
 * The result stored under `key`, computing it first when absent: one job of `kind` (concurrent identical requests
 * share it through the dedupe key), awaited, then read back. JOB_FAILED with the worker's error when it fails.
 */
export async function queuedResult<V, I>(deps: ApiDeps, kind: string, input: I, key: ResultKey): Promise<ResultRecord<V>> {
  const stored = await getResult<V>(deps.store, key);
  if (stored) return stored;
  const job = await deps.queue.enqueue(kind, input, { dedupeKey: key });
  const done = await deps.queue.waitFor(job.id, { timeoutMs: deps.jobWaitTimeoutMs });
  if (done.status === 'FAILED') throw new ApiError('JOB_FAILED', `${kind} job ${done.id} failed: ${done.error}`);
  const result = await getResult<V>(deps.store, key);
  if (!result) throw new ApiError('JOB_FAILED', `${kind} job ${done.id} succeeded but stored no result under ${key}`);
  return result;
}
