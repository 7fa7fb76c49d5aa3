export type { HandlerDeps } from './register-handlers';
export { registerHandlers, WORKER_JOB_KINDS } from './register-handlers';
export type { InProcessWorkerOptions, InProcessWorker } from './start-in-process-worker';
export { startInProcessWorker } from './start-in-process-worker';
export type { SvdFactorsDeps } from './handlers/svd-factors-handler';
export { svdFactorsHandler } from './handlers/svd-factors-handler';
export { weightsForModel } from './weights-for-model';
export type { ClusterabilityDeps } from './handlers/clusterability-handler';
export { clusterabilityHandler } from './handlers/clusterability-handler';
