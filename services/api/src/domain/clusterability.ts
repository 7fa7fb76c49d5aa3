import { connectionBetween, LayerPairError } from '@branchscope/core';
import { clusterabilityKey, CLUSTERABILITY_JOB, type ClusterabilityInput } from '@branchscope/jobs';
import type { Clusterability, QueryClusterabilityArgs } from '../generated/resolver-types';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { mapAnswer, type Answer } from './answer';
import { requireLayer } from './layer-branches';
import { queuedResult } from './queued-result';
import { checkIntRange, MAX_CLUSTER_UNITS, MAX_CLUSTERS, MAX_SHUFFLES, MIN_CLUSTERS } from './stat-limits';

/** The schema's `clusterability` arguments, its defaults filled in. */
export type ClusterabilityArgs = Required<QueryClusterabilityArgs>;

/** The schema's `Clusterability`: the job's value (less the backend it ran on) with its model, job and time. */
export type ClusterabilityView = Clusterability;

/**
 * Filan et al.'s clusterability of a stack of consecutive conv layers: the n-cut of a k-way spectral clustering of
 * the |W| graph, against `shuffles` seeded shuffles of it. Computed once by a `clusterability` job (answered at once
 * with the job while it runs), then served from the store. BAD_USER_INPUT names the limit broken (k, shuffles, total units) or the layers that do not connect.
 */
export async function getClusterability(deps: ApiDeps, args: ClusterabilityArgs): Promise<Answer<ClusterabilityView>> {
  checkIntRange('k', args.k, MIN_CLUSTERS, MAX_CLUSTERS);
  checkIntRange('shuffles', args.shuffles, 1, MAX_SHUFFLES);
  if (args.layers.length < 2) throw badInput(`layers must name at least two consecutive conv layers, got ${args.layers.length}`);
  const model = await deps.catalog.require(args.modelId);
  const units = args.layers.reduce((sum, layer) => sum + requireLayer(model, layer).channels, 0);
  if (units > MAX_CLUSTER_UNITS) {
    throw badInput(`layers ${args.layers.join(', ')} have ${units} units in all, more than the limit of ${MAX_CLUSTER_UNITS}`);
  }
  if (args.k > units) throw badInput(`k must be at most the number of units (${units}), got ${args.k}`);
  for (let l = 0; l + 1 < args.layers.length; l++) {
    try {
      connectionBetween(model.graph, args.layers[l]!, args.layers[l + 1]!);
    } catch (error) {
      if (error instanceof LayerPairError) throw badInput(`model '${model.id}': ${error.message}`, error);
      throw error;
    }
  }
  const input: ClusterabilityInput = { modelId: model.id, layers: args.layers, k: args.k, shuffles: args.shuffles, seed: args.seed };
  const answer = await queuedResult(deps, CLUSTERABILITY_JOB, input, clusterabilityKey(input));
  return mapAnswer(answer, (result) => {
    const { backend: _backend, ...value } = result.value;
    return { ...value, modelId: model.id, jobId: result.jobId ?? '', computedAt: result.createdAt };
  });
}
