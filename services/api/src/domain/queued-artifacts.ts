import type { JobRecord } from '@branchscope/jobs';
import { findArtifacts, type ArtifactInfo } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { ApiError } from './api-error';

/**
 * The artifacts stored under `keys`, computing the missing ones first: `enqueue()` (called only when some are
 * missing) starts or joins one job, which is awaited, then every key is read back. JOB_FAILED with the worker's
 * error when the job fails, or naming the job and key when it succeeded without storing one.
 */
export async function queuedArtifacts<M>(
  deps: ApiDeps,
  keys: readonly string[],
  enqueue: (missing: readonly string[]) => Promise<JobRecord>,
): Promise<Map<string, ArtifactInfo<M>>> {
  const stored = await findArtifacts<M>(deps.store, keys);
  const missing = keys.filter((key) => !stored.has(key));
  if (missing.length === 0) return stored;
  const job = await enqueue(missing);
  let done: JobRecord;
  try {
    done = await deps.queue.waitFor(job.id, { timeoutMs: deps.jobWaitTimeoutMs });
  } catch (error) {
    throw new ApiError('JOB_FAILED', `${job.kind} job ${job.id} did not finish in time (${(error as Error).message}); it keeps running, ask again later`);
  }
  if (done.status === 'FAILED') throw new ApiError('JOB_FAILED', `${done.kind} job ${done.id} failed: ${done.error}`);
  const all = await findArtifacts<M>(deps.store, keys);
  const absent = keys.find((key) => !all.has(key));
  if (absent) throw new ApiError('JOB_FAILED', `${done.kind} job ${done.id} succeeded but stored no artifact under ${absent}`);
  return all;
}

/** Where the API serves an artifact (see the `/artifacts/:key.png` route), relative to its origin. */
export const artifactUrl = (key: string): string => `/artifacts/${key}.png`;
