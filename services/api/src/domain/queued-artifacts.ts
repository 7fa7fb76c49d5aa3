import type { JobRecord } from '@branchscope/jobs';
import { findArtifacts, type ArtifactInfo } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { jobView, type JobView } from './jobs';

/** The artifacts found under some keys, and the job computing the missing ones (null when none is missing). */
export interface QueuedArtifacts<M> {
  found: Map<string, ArtifactInfo<M>>;
  job: JobView | null;
}

/**
 * The artifacts stored under `keys`, and when some are missing, the job computing them: `enqueue()` (called only
 * then) starts or joins one job, returned at once, never awaited.
 */
export async function queuedArtifacts<M>(
  deps: ApiDeps,
  keys: readonly string[],
  enqueue: (missing: readonly string[]) => Promise<JobRecord>,
): Promise<QueuedArtifacts<M>> {
  const found = await findArtifacts<M>(deps.store, keys);
  const missing = keys.filter((key) => !found.has(key));
  if (missing.length === 0) return { found, job: null };
  return { found, job: jobView(await enqueue(missing)) };
}

/** Where the API serves an artifact (see the `/artifacts/:key.png` route), relative to its origin. */
export const artifactUrl = (key: string): string => `/artifacts/${key}.png`;
