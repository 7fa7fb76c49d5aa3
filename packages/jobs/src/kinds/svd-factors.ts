import { contentKey, type ResultKey } from '@branchscope/store';

/**
 * The `svd-factors` job: the contract between the API, which enqueues it and reads its result, and the worker
 * that computes it. Kept here (not in the worker) so the API never has to load the worker's tensor code.
 */
export const SVD_FACTORS_JOB = 'svd-factors';

export interface SvdFactorsInput {
  modelId: string;
  from: string;
  to: string;
  centered: boolean;
}

/** A dense row-major matrix as JSON can hold it. */
export interface StoredMatrix {
  rows: number;
  cols: number;
  data: number[];
}

/** What the worker stores under {@link svdFactorsKey}. */
export interface SvdFactorsValue {
  rows: number;
  cols: number;
  centered: boolean;
  singularValues: number[];
  explainedVariance: number[];
  /** rows x k: U[i, k] for unit i of `from`. */
  left: StoredMatrix;
  /** cols x k: V[j, k] for unit j of `to`. */
  right: StoredMatrix;
  /** The TensorFlow.js backend of the worker that computed it, if it had one. */
  backend?: string;
}

/** The content key of one SVD-factors result; also the job's dedupe key. */
export function svdFactorsKey(input: SvdFactorsInput): ResultKey {
  return contentKey(SVD_FACTORS_JOB, input.modelId, { from: input.from, to: input.to, centered: input.centered });
}
