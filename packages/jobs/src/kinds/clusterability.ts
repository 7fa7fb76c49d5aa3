import { contentKey, type ResultKey } from '@branchscope/store';

/**
 * The `clusterability` job: Filan et al.'s n-cut of the graph of consecutive conv layers (edges |W| summed over
 * kernel positions) and its shuffle test. The API validates and enqueues; the worker builds the matrices from the
 * model's weights, runs the test and stores the value under {@link clusterabilityKey}.
 */
export const CLUSTERABILITY_JOB = 'clusterability';

export interface ClusterabilityInput {
  modelId: string;
  /** Consecutive conv layers, e.g. `['conv1', 'conv2']`: one |W| matrix per neighbouring pair. */
  layers: string[];
  /** Number of clusters. */
  k: number;
  /** Shuffled networks the observed n-cut is compared with. */
  shuffles: number;
  seed: number;
}

/** What the worker stores under {@link clusterabilityKey}. */
export interface ClusterabilityValue {
  layers: string[];
  /** Units of each layer, in `layers` order. */
  layerSizes: number[];
  k: number;
  observedNCut: number;
  shuffledNCuts: number[];
  mean: number;
  /** Sample standard deviation of the shuffled n-cuts; 0 when they agree to rounding (see core's `shuffleTest`). */
  sd: number;
  /** (observed - mean) / sd; null when sd is 0. */
  zScore: number | null;
  /** Why z or p may say less than they seem to (no spread among the shuffles, clusters that are whole layers). */
  warnings: string[];
  /** (#shuffled n-cuts at or below the observed + 1) / (shuffles + 1). */
  p: number;
  shuffles: number;
  seed: number;
  /** The cluster of every unit, one list per layer. */
  clustersByLayer: number[][];
  /** The k smallest eigenvalues of the normalised Laplacian. */
  eigenvalues: number[];
  /** The TensorFlow.js backend of the worker that computed it, if it had one. */
  backend?: string;
}

/**
 * Bumped when the stored value changes meaning; 2: z is null rather than a quotient of rounding noise, and
 * `warnings` is stored. Results stored under an older version are not served again.
 */
export const CLUSTERABILITY_VERSION = 2;

/** The content key of one clusterability result; also the job's dedupe key. */
export function clusterabilityKey(input: ClusterabilityInput): ResultKey {
  const params = { layers: input.layers, k: input.k, shuffles: input.shuffles, seed: input.seed, version: CLUSTERABILITY_VERSION };
  return contentKey(CLUSTERABILITY_JOB, input.modelId, params);
}
