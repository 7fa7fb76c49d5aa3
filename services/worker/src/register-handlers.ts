import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CLUSTERABILITY_JOB,
  DATASET_EXAMPLES_JOB,
  FETCH_MODEL_JOB,
  IMPORT_MODEL_JOB,
  PERMUTATION_TEST_JOB,
  RENDER_FEATURES_JOB,
  RENDER_LAYER_JOB,
  SPECIALIZATION_REPORT_JOB,
  SVD_FACTORS_JOB,
  WEIGHT_IMAGES_JOB,
  type JobData,
  type JobHandler,
  type JobInput,
  type JobQueue,
  type KindOf,
} from '@branchscope/jobs';
import { renderBackendLabel, type RenderEngineChoice } from './featurevis/render-engine';
import { WORKER_JOB_KINDS } from './worker-job-kinds';
import { datasetExamplesHandler } from './dataset-examples/dataset-examples-handler';
import { clusterabilityHandler } from './handlers/clusterability-handler';
import { fetchModelHandler } from './handlers/fetch-model-handler';
import { importModelHandler } from './handlers/import-model-handler';
import { permutationTestHandler } from './handlers/permutation-test-handler';
import { renderFeaturesHandler } from './handlers/render-features-handler';
import { renderLayerHandler } from './handlers/render-layer-handler';
import { specializationReportHandler } from './handlers/specialization-report-handler';
import { svdFactorsHandler } from './handlers/svd-factors-handler';
import { weightImagesHandler } from './handlers/weight-images-handler';

export interface HandlerDeps {
  /** What handlers read and write besides their input (`storeJobData`, or a Redis queue's `jobData`). */
  data: JobData;
  /** The TensorFlow.js backend this process chose, recorded with results. */
  backend?: string;
  /** The render engine, chosen at the worker's start (see `chooseRenderEngine`); chosen on the first render otherwise. */
  engine?: RenderEngineChoice;
  /** Where `fetch-model` keeps downloads; `<tmp>/branchscope-downloads` by default. */
  downloadDir?: string;
}

/** A handler for every kind of `JobKinds`, typed by it: a kind without one, or a handler of another kind's input, does not compile. */
export type WorkerHandlers = { readonly [K in KindOf]: JobHandler<JobInput<K>> };

export { WORKER_JOB_KINDS };

/** This worker's handler of every job kind, built over `deps`. */
export function workerHandlers(deps: HandlerDeps): WorkerHandlers {
  const downloadDir = deps.downloadDir ?? path.join(tmpdir(), 'branchscope-downloads');
  return {
    [SVD_FACTORS_JOB]: svdFactorsHandler(deps),
    [CLUSTERABILITY_JOB]: clusterabilityHandler(deps),
    [RENDER_FEATURES_JOB]: renderFeaturesHandler(deps),
    [RENDER_LAYER_JOB]: renderLayerHandler(deps),
    [WEIGHT_IMAGES_JOB]: weightImagesHandler(deps),
    [PERMUTATION_TEST_JOB]: permutationTestHandler(deps),
    [IMPORT_MODEL_JOB]: importModelHandler(deps),
    [DATASET_EXAMPLES_JOB]: datasetExamplesHandler(deps),
    [FETCH_MODEL_JOB]: fetchModelHandler({ data: deps.data, downloadDir }),
    [SPECIALIZATION_REPORT_JOB]: specializationReportHandler(deps),
  };
}

/**
 * Registers every handler this worker has on `queue`. With the render engine and backend known, they are
 * registered as running on its `renderBackendLabel`, so renders pinned to that backend come here (and only those,
 * besides renders pinned to none).
 */
export function registerHandlers(queue: JobQueue, deps: HandlerDeps): void {
  const handlers = workerHandlers(deps);
  const options = deps.engine && deps.backend ? { backend: renderBackendLabel(deps.engine, deps.backend) } : {};
  const register = <K extends KindOf>(kind: K): void => queue.process(kind, handlers[kind], options);
  for (const kind of WORKER_JOB_KINDS) register(kind);
}
