import { CLUSTERABILITY_JOB, SVD_FACTORS_JOB, type ClusterabilityInput, type JobQueue, type SvdFactorsInput } from '@branchscope/jobs';
import type { Store } from '@branchscope/store';
import { clusterabilityHandler } from './handlers/clusterability-handler';
import { svdFactorsHandler } from './handlers/svd-factors-handler';

export interface HandlerDeps {
  store: Store;
  /** The TensorFlow.js backend this process chose, recorded with results. */
  backend?: string;
}

/** The job kinds this worker can run. */
export const WORKER_JOB_KINDS: readonly string[] = [SVD_FACTORS_JOB, CLUSTERABILITY_JOB];

/** Registers every handler this worker has on `queue`. */
export function registerHandlers(queue: JobQueue, deps: HandlerDeps): void {
  queue.process<SvdFactorsInput>(SVD_FACTORS_JOB, svdFactorsHandler(deps));
  queue.process<ClusterabilityInput>(CLUSTERABILITY_JOB, clusterabilityHandler(deps));
}
