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
  QueueHealth,
  ProcessOptions,
} from './job-queue';
export { JobQueueError, isFinished, DEFAULT_CANCEL_REASON } from './job-queue';
export type { JobKinds, KindMap, KindOf, KindSpec, JobInput, JobValue } from './job-kinds';
export { checkJobInput, JobInputError } from './job-input-checks';
export { readJobResult, readStoredValue } from './job-result';
export { requiredBackend, isPinnable, renderCapability, backendOfCapability, preferredRenderBackend, waitingForBackend } from './job-routing';
export { checkBackendLabel } from './kinds/backend-label';
export type { JobLane } from './kinds/lanes';
export { JOB_LANES, JOB_KINDS, laneOf } from './kinds/lanes';
export type { LaneConcurrency } from './lane-concurrency';
export type { PoolConfig } from './pool-config';
export { readPoolConfig, poolLaneSizes } from './pool-config';
export type { Logger, LoggerOptions, LogLevel, LineLevel, LogFields } from './logger';
export { createLogger, readLogLevel, formatLogLine, LOG_LEVELS } from './logger';
export type { InProcessQueueOptions } from './in-process-queue';
export { createInProcessQueue } from './in-process-queue';
export type { RedisQueueOptions, RedisJobQueue } from './redis/redis-queue';
export { createRedisQueue, DEFAULT_LOCK_MS } from './redis/redis-queue';
export { redactRedisUrl } from './redis/redis-connection';
export type { WorkerAnnouncement } from './redis/worker-registry';
export { ANNOUNCE_INTERVAL_MS, ANNOUNCEMENT_STALE_MS } from './redis/worker-registry';
export type { SvdFactorsInput, SvdFactorsValue, StoredMatrix } from './kinds/svd-factors';
export { SVD_FACTORS_JOB, svdFactorsKey } from './kinds/svd-factors';
export type { ClusterabilityInput, ClusterabilityValue } from './kinds/clusterability';
export { CLUSTERABILITY_JOB, clusterabilityKey } from './kinds/clusterability';
export type { SpecializationReportInput, SpecializationReportValue } from './kinds/specialization-report';
export { SPECIALIZATION_REPORT_JOB, SPECIALIZATION_REPORT_VERSION, specializationReportKey } from './kinds/specialization-report';
export type { RenderFeaturesInput, FeatureImageParams, FeatureImageMeta, StoredDescriptor } from './kinds/render-features';
export {
  RENDER_FEATURES_JOB,
  FEATURE_IMAGE_ARTIFACT,
  FEATURE_RENDER_VERSION,
  RENDER_DEFAULTS,
  RENDER_LIMITS,
  RENDER_BATCH_UNITS,
  featureImageKey,
  renderFeaturesDedupeKey,
} from './kinds/render-features';
export type { PermutationTestJobInput, PermutationTestValue } from './kinds/permutation-test';
export { PERMUTATION_TEST_JOB, permutationTestKey } from './kinds/permutation-test';
export type { RenderLayerRequest } from './kinds/render-layer';
export { RENDER_LAYER_JOB, RENDER_LAYER_MAX_UNITS, renderLayerInput, renderLayerDedupeKey } from './kinds/render-layer';
export type { RenderRequest } from './kinds/render-request';
export { renderFeaturesInput } from './kinds/render-request';
export type { DatasetExamplesInput, DatasetExample, ExampleLists, UnitExamples, DatasetExamplesValue, DatasetCropMeta } from './kinds/dataset-examples';
export {
  DATASET_EXAMPLES_JOB,
  DATASET_EXAMPLES_RESULT,
  DATASET_EXAMPLES_PARTIAL,
  DATASET_CROP_ARTIFACT,
  DATASET_EXAMPLES_VERSION,
  EXAMPLES_PER_LIST,
  DATASET_BATCH_IMAGES,
  DATASET_CHUNK_IMAGES,
  datasetExamplesKey,
  datasetExamplesPartialKey,
  datasetCropKey,
  datasetExamplesDedupeKey,
} from './kinds/dataset-examples';
export type { WeightImagesInput, WeightImageMeta } from './kinds/weight-images';
export { WEIGHT_IMAGES_JOB, WEIGHT_IMAGE_ARTIFACT, weightImageKey, weightImagesDedupeKey, isFirstConv } from './kinds/weight-images';
export type { ImportModelInput, ImportModelValue, ModelFormat } from './kinds/import-model';
export {
  IMPORT_MODEL_JOB,
  MODEL_WEIGHTS_ARTIFACT,
  MODEL_WEIGHTS_MEDIA_TYPE,
  MODEL_FORMATS,
  IMPORT_LIMITS,
  DEFAULT_IMPORT_INPUT_RANGE,
  importModelKey,
  importModelInput,
  importedModelId,
  modelWeightsKey,
} from './kinds/import-model';
export { importFormatMismatch } from './kinds/import-format-check';
export type { SourceDigest } from './kinds/model-source-digest';
export { digestModelSource, ModelSourceError } from './kinds/model-source-digest';
export type { FetchModelInput, DownloadFormat } from './kinds/fetch-model';
export {
  FETCH_MODEL_JOB,
  DOWNLOAD_FORMATS,
  FETCH_DOWNLOAD_SHARE,
  FETCH_VERIFIED_PROGRESS,
  downloadProgress,
  downloadedBytes,
  fetchModelDedupeKey,
} from './kinds/fetch-model';
export type { JobData, JobReads, JobWrites, WeightsBlob } from './handler-data/job-data';
export { storeJobData } from './handler-data/store-job-data';
