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
  SVD_FACTORS_JOB,
  WEIGHT_IMAGES_JOB,
  type ClusterabilityInput,
  type DatasetExamplesInput,
  type FetchModelInput,
  type ImportModelInput,
  type JobQueue,
  type PermutationTestJobInput,
  type RenderFeaturesInput,
  type SvdFactorsInput,
  type WeightImagesInput,
} from '@branchscope/jobs';
import type { Store } from '@branchscope/store';
import type { RenderEngineChoice } from './featurevis/render-engine';
import { datasetExamplesHandler } from './dataset-examples/dataset-examples-handler';
import { clusterabilityHandler } from './handlers/clusterability-handler';
import { fetchModelHandler } from './handlers/fetch-model-handler';
import { importModelHandler } from './handlers/import-model-handler';
import { permutationTestHandler } from './handlers/permutation-test-handler';
import { renderFeaturesHandler } from './handlers/render-features-handler';
import { renderLayerHandler } from './handlers/render-layer-handler';
import { svdFactorsHandler } from './handlers/svd-factors-handler';
import { weightImagesHandler } from './handlers/weight-images-handler';

export interface HandlerDeps {
  store: Store;
  /** The TensorFlow.js backend this process chose, recorded with results. */
  backend?: string;
  /** The render engine, chosen at the worker's start (see `chooseRenderEngine`); chosen on the first render otherwise. */
  engine?: RenderEngineChoice;
  /** Where `fetch-model` keeps downloads; `<tmp>/branchscope-downloads` by default. */
  downloadDir?: string;
}

/** The job kinds this worker can run. */
export const WORKER_JOB_KINDS: readonly string[] = [SVD_FACTORS_JOB, CLUSTERABILITY_JOB, RENDER_FEATURES_JOB, RENDER_LAYER_JOB, WEIGHT_IMAGES_JOB, PERMUTATION_TEST_JOB, IMPORT_MODEL_JOB, FETCH_MODEL_JOB, DATASET_EXAMPLES_JOB];

/** Registers every handler this worker has on `queue`. */
export function registerHandlers(queue: JobQueue, deps: HandlerDeps): void {
  queue.process<SvdFactorsInput>(SVD_FACTORS_JOB, svdFactorsHandler(deps));
  queue.process<ClusterabilityInput>(CLUSTERABILITY_JOB, clusterabilityHandler(deps));
  queue.process<RenderFeaturesInput>(RENDER_FEATURES_JOB, renderFeaturesHandler(deps));
  queue.process<RenderFeaturesInput>(RENDER_LAYER_JOB, renderLayerHandler(deps));
  queue.process<WeightImagesInput>(WEIGHT_IMAGES_JOB, weightImagesHandler(deps));
  queue.process<PermutationTestJobInput>(PERMUTATION_TEST_JOB, permutationTestHandler(deps));
  queue.process<ImportModelInput>(IMPORT_MODEL_JOB, importModelHandler(deps));
  queue.process<DatasetExamplesInput>(DATASET_EXAMPLES_JOB, datasetExamplesHandler(deps));
  const downloadDir = deps.downloadDir ?? path.join(tmpdir(), 'branchscope-downloads');
  queue.process<FetchModelInput>(FETCH_MODEL_JOB, fetchModelHandler({ store: deps.store, downloadDir }));
}
