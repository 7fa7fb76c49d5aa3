export { createBranchscopeClient, DEFAULT_API_URL } from './create-branchscope-client';
export type { Client } from '@urql/core';
export { query } from './query';
export { BranchscopeQueryError } from './branchscope-query-error';
export { apiUrlFromEnv } from './api-url-from-env';
export { describeQueryError } from './describe-query-error';
export type { QueryErrorDescription } from './describe-query-error';
export { ModelsQuery } from './models-query';
export type { ModelsQueryResult, ModelsQueryVariables } from './models-query';
export { ModelQuery } from './model-query';
export type { ModelQueryResult, ModelQueryVariables } from './model-query';
export { SvdFactorsQuery } from './svd-factors-query';
export type { SvdFactorsQueryResult, SvdFactorsQueryVariables } from './svd-factors-query';
export { ChanceProbabilityQuery } from './chance-probability-query';
export type { ChanceProbabilityQueryResult, ChanceProbabilityQueryVariables } from './chance-probability-query';
export { JobsQuery } from './jobs-query';
export type { JobsQueryResult, JobsQueryVariables } from './jobs-query';
export type {
  ModelSummary,
  ModelDetail,
  Layer,
  BlockKind,
  UnitRange,
  Branch,
  BranchedBlock,
  UnitFactors,
  SvdFactors,
  JobStatus,
  Job,
} from './types';
