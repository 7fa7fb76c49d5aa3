import { layerPairMatrix, LayerPairError, weightFactors, type Matrix } from '@branchscope/core';
import {
  svdFactorsKey,
  SVD_FACTORS_JOB,
  type JobData,
  type JobHandler,
  type StoredMatrix,
  type SvdFactorsInput,
  type SvdFactorsValue,
} from '@branchscope/jobs';
import { loadModelWeights } from '../load-model-weights';

export interface SvdFactorsDeps {
  data: JobData;
  /** Recorded with each result; which backend computed it. */
  backend?: string;
}

const stored = (m: Matrix): StoredMatrix => ({ rows: m.rows, cols: m.cols, data: Array.from(m.data) });

/**
 * The `svd-factors` handler: loads the model record and its weights, builds |W| between `from` and `to`,
 * factors it, and stores the result under {@link svdFactorsKey}. Throws (failing the job) with a message naming
 * the model and layers when they do not exist or do not connect.
 */
export function svdFactorsHandler(deps: SvdFactorsDeps): JobHandler<SvdFactorsInput> {
  return async ({ input, job, reportProgress }) => {
    const model = await deps.data.reads.requireModel(input.modelId);
    const weights = await loadModelWeights(deps.data.reads, model);
    await reportProgress(0.2);
    let matrix: Matrix;
    try {
      matrix = layerPairMatrix(model.graph, input.from, input.to, weights.conv(input.to));
    } catch (error) {
      if (error instanceof LayerPairError) throw new Error(`model '${model.id}': ${error.message}`, { cause: error });
      throw error;
    }
    await reportProgress(0.5);
    const factors = weightFactors(matrix, { centered: input.centered });
    const value: SvdFactorsValue = {
      rows: matrix.rows,
      cols: matrix.cols,
      centered: factors.centered,
      singularValues: factors.singularValues,
      explainedVariance: factors.explainedVariance,
      left: stored(factors.left),
      right: stored(factors.right),
      ...(deps.backend ? { backend: deps.backend } : {}),
    };
    const key = svdFactorsKey(input);
    const params = { from: input.from, to: input.to, centered: input.centered };
    await deps.data.writes.putResult({ key, kind: SVD_FACTORS_JOB, modelId: model.id, params, value, jobId: job.id });
    return { resultKey: key };
  };
}
