export type {
  JobQueue,
  EnqueueOptions,
  WaitOptions,
  JobContext,
  JobOutput,
  JobHandler,
  JobEventType,
  JobEvent,
  JobListener,
  JobId,
  JobRecord,
} from './job-queue';
export { JobQueueError, isFinished } from './job-queue';
export type { InProcessQueueOptions } from './in-process-queue';
export { createInProcessQueue } from './in-process-queue';
export type { SvdFactorsInput, SvdFactorsValue, StoredMatrix } from './kinds/svd-factors';
export { SVD_FACTORS_JOB, svdFactorsKey } from './kinds/svd-factors';
export type { ClusterabilityInput, ClusterabilityValue } from './kinds/clusterability';
export { CLUSTERABILITY_JOB, clusterabilityKey } from './kinds/clusterability';
