import { readStoredValue, type JobInput, type JobValue, type KindOf } from '@branchscope/jobs';
import type { ResultKey, ResultRecord } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { answered, pending, type Answer } from './answer';
import { jobView } from './jobs';
import { cachedResult } from './result-cache';

/**
 * The result stored under `key`, or, when absent, the job computing it: one job of `kind` (concurrent identical
 * requests share it through the dedupe key) started and returned at once, never awaited. A job that failed is
 * reported by the job itself (status FAILED, error); asking again starts a new one. A stored result is parsed once
 * and then served from memory (`cachedResult`).
 */
export async function queuedResult<K extends KindOf>(deps: ApiDeps, kind: K, input: JobInput<K>, key: ResultKey): Promise<Answer<ResultRecord<JobValue<K>>>> {
  const stored = await cachedResult(deps.store, key, () => readStoredValue(deps.store, kind, key));
  if (stored) return answered(stored);
  const job = await deps.queue.enqueue(kind, input, { dedupeKey: key });
  return pending(jobView(job));
}
