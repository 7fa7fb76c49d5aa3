import { connectionBetween, LayerPairError } from '@branchscope/core';
import { svdFactorsKey, SVD_FACTORS_JOB, type SvdFactorsInput, type SvdFactorsValue } from '@branchscope/jobs';
import { getResult } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { ApiError, badInput } from './api-error';
import { svdFactorsView, type SvdFactorsView } from './svd-factors-view';

export interface SvdFactorsArgs {
  modelId: string;
  from: string;
  to: string;
  centered: boolean;
  /** How many factor columns to return per unit (at most all of them). */
  components: number;
}

/**
 * The SVD factors of |W| between two consecutive conv layers. Served from the store when computed before;
 * otherwise enqueued as one `svd-factors` job (concurrent identical requests share it), awaited, and read back.
 * Errors: NOT_FOUND for an unknown model, BAD_USER_INPUT for layers that are unknown or not consecutive or a bad
 * `components`, JOB_FAILED when the worker failed.
 */
export async function getSvdFactors(deps: ApiDeps, args: SvdFactorsArgs): Promise<SvdFactorsView> {
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
  const key = svdFactorsKey(input);
  let result = await getResult<SvdFactorsValue>(deps.store, key);
  if (!result) {
    const job = await deps.queue.enqueue(SVD_FACTORS_JOB, input, { dedupeKey: key });
    const done = await deps.queue.waitFor(job.id, { timeoutMs: deps.jobWaitTimeoutMs });
    if (done.status === 'FAILED') throw new ApiError('JOB_FAILED', `svd-factors job ${done.id} failed: ${done.error}`);
    result = await getResult<SvdFactorsValue>(deps.store, key);
    if (!result) throw new ApiError('JOB_FAILED', `svd-factors job ${done.id} succeeded but stored no result under ${key}`);
  }
  return svdFactorsView(input, result, deps.catalog.blocks(model), args.components);
}
