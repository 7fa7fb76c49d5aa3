import { layerPairMatrix, LayerPairError, shuffleTest, type Matrix } from '@branchscope/core';
import {
  clusterabilityKey,
  CLUSTERABILITY_JOB,
  type ClusterabilityInput,
  type ClusterabilityValue,
  type JobData,
  type JobHandler,
} from '@branchscope/jobs';
import { loadModelWeights } from '../load-model-weights';

export interface ClusterabilityDeps {
  data: JobData;
  /** Recorded with each result; which backend computed it. */
  backend?: string;
}

/**
 * The `clusterability` handler: builds |W| for each neighbouring pair of `layers` from the model's weights (through
 * pooling, LRN and concat, as `layerPairMatrix` does), runs the seeded shuffle test and stores the result under
 * {@link clusterabilityKey}. Throws (failing the job) naming the model and layers when they do not connect.
 */
export function clusterabilityHandler(deps: ClusterabilityDeps): JobHandler<ClusterabilityInput> {
  return async ({ input, job, reportProgress }) => {
    const model = await deps.data.reads.requireModel(input.modelId);
    if (input.layers.length < 2) throw new Error(`clusterability needs at least two layers, got ${input.layers.length}`);
    const weights = await loadModelWeights(deps.data.reads, model);
    const matrices: Matrix[] = [];
    for (let l = 0; l + 1 < input.layers.length; l++) {
      const [from, to] = [input.layers[l]!, input.layers[l + 1]!];
      try {
        matrices.push(layerPairMatrix(model.graph, from, to, weights.conv(to)));
      } catch (error) {
        if (error instanceof LayerPairError) throw new Error(`model '${model.id}': ${error.message}`, { cause: error });
        throw error;
      }
    }
    await reportProgress(0.1);
    const test = shuffleTest({ matrices, k: input.k, shuffles: input.shuffles, seed: input.seed, layerNames: input.layers });
    const value: ClusterabilityValue = {
      layers: input.layers,
      layerSizes: test.clustering.layerSizes,
      k: input.k,
      observedNCut: test.observedNCut,
      shuffledNCuts: test.shuffledNCuts,
      mean: test.mean,
      sd: test.sd,
      zScore: test.zScore,
      p: test.p,
      warnings: test.warnings,
      shuffles: input.shuffles,
      seed: input.seed,
      clustersByLayer: test.clustering.clustersByLayer,
      eigenvalues: test.clustering.eigenvalues,
      ...(deps.backend ? { backend: deps.backend } : {}),
    };
    const key = clusterabilityKey(input);
    const params = { layers: input.layers, k: input.k, shuffles: input.shuffles, seed: input.seed };
    await deps.data.writes.putResult({ key, kind: CLUSTERABILITY_JOB, modelId: model.id, params, value, jobId: job.id });
    return { resultKey: key };
  };
}
