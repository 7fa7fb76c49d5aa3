import { backendOfCapability, preferredRenderBackend, type WorkerAnnouncement } from '@branchscope/jobs';
import type { ApiDeps } from './api-deps';

/**
 * The backend a render that names none is pinned to: the in-process worker's, or in Redis mode the fastest backend
 * live workers render on (`preferredRenderBackend`, deterministic for one set of workers, so images rendered on it
 * are found again). Null when no worker renders: such a render goes to the first render worker to come.
 */
export async function defaultRenderBackend(deps: Pick<ApiDeps, 'workerBackend' | 'renderBackend'>): Promise<string | null> {
  return deps.renderBackend ? deps.renderBackend() : deps.workerBackend;
}

/** {@link ApiDeps.renderBackend} over the workers announced in Redis; null when none renders or Redis does not answer. */
export function liveRenderBackend(listWorkers: () => Promise<WorkerAnnouncement[]>): () => Promise<string | null> {
  return async () => {
    const workers = await listWorkers().catch(() => []);
    const backends = workers.flatMap((worker) => worker.capabilities.map(backendOfCapability).filter((backend): backend is string => backend !== undefined));
    return preferredRenderBackend(backends) ?? null;
  };
}
