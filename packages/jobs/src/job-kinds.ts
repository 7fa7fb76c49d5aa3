import { CLUSTERABILITY_JOB, type ClusterabilityInput, type ClusterabilityValue } from './kinds/clusterability';
import { DATASET_EXAMPLES_JOB, type DatasetExamplesInput, type DatasetExamplesValue } from './kinds/dataset-examples';
import { FETCH_MODEL_JOB, type FetchModelInput } from './kinds/fetch-model';
import { IMPORT_MODEL_JOB, type ImportModelInput, type ImportModelValue } from './kinds/import-model';
import { PERMUTATION_TEST_JOB, type PermutationTestJobInput, type PermutationTestValue } from './kinds/permutation-test';
import { RENDER_FEATURES_JOB, type RenderFeaturesInput } from './kinds/render-features';
import { RENDER_LAYER_JOB } from './kinds/render-layer';
import { SPECIALIZATION_REPORT_JOB, type SpecializationReportInput, type SpecializationReportValue } from './kinds/specialization-report';
import { SVD_FACTORS_JOB, type SvdFactorsInput, type SvdFactorsValue } from './kinds/svd-factors';
import { WEIGHT_IMAGES_JOB, type WeightImagesInput } from './kinds/weight-images';

/** What one job kind takes (`input`, stored with the job) and what it stores under the job's result key (`value`). */
export interface KindSpec {
  input: unknown;
  value: unknown;
}

/** A map from job kind to its {@link KindSpec}; {@link JobKinds} is the product's, tests bring their own. */
export type KindMap = { [kind: string]: KindSpec };

/**
 * The one map from each job kind to its input and its value: `enqueue(kind, input)`, `process(kind, handler)` and
 * `readJobResult` are typed from it, so a wrong input for a kind does not compile. A kind whose jobs store no
 * result under the job's key (renders and weight images store artifacts, one per unit) has `value: undefined`.
 */
export type JobKinds = {
  [SVD_FACTORS_JOB]: { input: SvdFactorsInput; value: SvdFactorsValue };
  [WEIGHT_IMAGES_JOB]: { input: WeightImagesInput; value: undefined };
  [PERMUTATION_TEST_JOB]: { input: PermutationTestJobInput; value: PermutationTestValue };
  [RENDER_FEATURES_JOB]: { input: RenderFeaturesInput; value: undefined };
  [RENDER_LAYER_JOB]: { input: RenderFeaturesInput; value: undefined };
  [CLUSTERABILITY_JOB]: { input: ClusterabilityInput; value: ClusterabilityValue };
  [IMPORT_MODEL_JOB]: { input: ImportModelInput; value: ImportModelValue };
  [FETCH_MODEL_JOB]: { input: FetchModelInput; value: ImportModelValue };
  [DATASET_EXAMPLES_JOB]: { input: DatasetExamplesInput; value: DatasetExamplesValue };
  [SPECIALIZATION_REPORT_JOB]: { input: SpecializationReportInput; value: SpecializationReportValue };
};

/** A kind of `M` (every product job kind by default). */
export type KindOf<M extends KindMap = JobKinds> = keyof M & string;
/** What a job of `kind` takes. */
export type JobInput<K extends KindOf<M>, M extends KindMap = JobKinds> = M[K]['input'];
/** What a job of `kind` stores under its result key. */
export type JobValue<K extends KindOf<M>, M extends KindMap = JobKinds> = M[K]['value'];

/** A map any kind with any input fits: for tests of the queues themselves, whose kinds are made up. */
export type AnyJobKinds = { [kind: string]: { input: any; value: unknown } };
