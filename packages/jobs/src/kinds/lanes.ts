import type { KindOf } from '../job-kinds';
import { CLUSTERABILITY_JOB } from './clusterability';
import { DATASET_EXAMPLES_JOB } from './dataset-examples';
import { FETCH_MODEL_JOB } from './fetch-model';
import { IMPORT_MODEL_JOB } from './import-model';
import { PERMUTATION_TEST_JOB } from './permutation-test';
import { RENDER_FEATURES_JOB } from './render-features';
import { RENDER_LAYER_JOB } from './render-layer';
import { SPECIALIZATION_REPORT_JOB } from './specialization-report';
import { SVD_FACTORS_JOB } from './svd-factors';
import { WEIGHT_IMAGES_JOB } from './weight-images';

/**
 * Jobs run in lanes, each with its own concurrency, so a job of one lane never waits behind jobs of another:
 * - `quick`: well under a second to a few seconds (`svd-factors`, `weight-images`, `permutation-test`,
 *   `specialization-report`);
 * - `render`: feature renders, seconds to minutes (`render-features`), or hours for a whole layer (`render-layer`);
 * - `heavy`: long synchronous work of other kinds (`clusterability`'s shuffle test, `import-model`), and
 *   `fetch-model`, whose download is I/O but whose import is an `import-model`'s work, and `dataset-examples`
 *   (a dataset through a model).
 */
export type JobLane = 'quick' | 'render' | 'heavy';

export const JOB_LANES: readonly JobLane[] = ['quick', 'render', 'heavy'];

/** The one place that says which lane each job kind runs in: every kind of `JobKinds`, or it does not compile. */
const LANE_OF_KIND: Readonly<Record<KindOf, JobLane>> = Object.freeze({
  [SVD_FACTORS_JOB]: 'quick',
  [WEIGHT_IMAGES_JOB]: 'quick',
  [PERMUTATION_TEST_JOB]: 'quick',
  [RENDER_FEATURES_JOB]: 'render',
  [RENDER_LAYER_JOB]: 'render',
  [CLUSTERABILITY_JOB]: 'heavy',
  [IMPORT_MODEL_JOB]: 'heavy',
  [FETCH_MODEL_JOB]: 'heavy',
  [DATASET_EXAMPLES_JOB]: 'heavy',
  [SPECIALIZATION_REPORT_JOB]: 'quick',
});

/** Every job kind the workers run, in the lane table's order. */
export const JOB_KINDS: readonly KindOf[] = Object.freeze(Object.keys(LANE_OF_KIND) as KindOf[]);

/** The lane of a job kind. Kinds not listed run in `heavy`, so an unknown kind can never hold up the quick lane. */
export function laneOf(kind: string): JobLane {
  return Object.hasOwn(LANE_OF_KIND, kind) ? LANE_OF_KIND[kind as KindOf] : 'heavy';
}
