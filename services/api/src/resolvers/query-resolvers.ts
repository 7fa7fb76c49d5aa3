import type { ApiContext } from '../context';
import { chanceProbability, type ChanceArgs } from '../domain/chance-probability';
import { getSvdFactors, type SvdFactorsArgs } from '../domain/get-svd-factors';
import { findJobView, listJobViews } from '../domain/jobs';
import { findModelView, listModelViews } from '../domain/models';

/** Root query fields: each takes its arguments and calls one domain function. */
export const queryResolvers = {
  models: (_: unknown, _args: unknown, { deps }: ApiContext) => listModelViews(deps),
  model: (_: unknown, { id }: { id: string }, { deps }: ApiContext) => findModelView(deps, id),
  svdFactors: (_: unknown, args: SvdFactorsArgs, { deps }: ApiContext) => getSvdFactors(deps, args),
  chanceProbability: (_: unknown, args: ChanceArgs) => chanceProbability(args),
  jobs: (_: unknown, { status }: { status?: string | null }, { deps }: ApiContext) => listJobViews(deps, status),
  job: (_: unknown, { id }: { id: string }, { deps }: ApiContext) => findJobView(deps, id),
  workerBackend: (_: unknown, _args: unknown, { deps }: ApiContext) => deps.workerBackend,
};
