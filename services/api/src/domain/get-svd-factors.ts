import { connectionBetween, LayerPairError } from '@branchscope/core';
import { svdFactorsKey, SVD_FACTORS_JOB, type SvdFactorsInput } from '@branchscope/jobs';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { mapAnswer, type Answer } from './answer';
import { queuedResult } from './queued-result';
import { svdFactorsView, type SvdFactorsView } from './svd-factors-view';
import type { QuerySvdFactorsArgs } from '../generated/resolver-types';

/** The schema's `svdFactors` arguments, its defaults filled in (`components`: factor columns per unit, at most all). */
export type SvdFactorsArgs = Required<QuerySvdFactorsArgs>;

/**
 * The SVD factors of |W| between two consecutive conv layers. Served from the store when computed before;
 * otherwise enqueued as one `svd-factors` job (concurrent identical requests share it) and answered at once with that
 * job. Errors: NOT_FOUND for an unknown model, BAD_USER_INPUT for layers that are unknown or not consecutive or a
 * bad `components`; a worker's failure is the job's (status FAILED, error).
 */
export async function getSvdFactors(deps: ApiDeps, args: SvdFactorsArgs): Promise<Answer<SvdFactorsView>> {
  if (!Number.isInteger(args.components) || args.components < 1) {
    throw badInput(`components must be a positive integer, got ${args.components}`);
  }
  const model = await deps.catalog.require(args.modelId);
  try {
    connectionBetween(model.graph, args.from, args.to);
  } catch (error) {
    if (error instanceof LayerPairError) throw badInput(`model '${model.id}': ${error.message}`, error);
    throw error;
  }
  const input: SvdFactorsInput = { modelId: model.id, from: args.from, to: args.to, centered: args.centered };
  const answer = await queuedResult(deps, SVD_FACTORS_JOB, input, svdFactorsKey(input));
  return mapAnswer(answer, (result) => svdFactorsView(input, result, deps.catalog.blocks(model), args.components));
}
