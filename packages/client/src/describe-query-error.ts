import { BranchscopeQueryError } from './branchscope-query-error';

/** What a person needs to read about a failed query: the message, its code, and what to try next. */
export interface QueryErrorDescription {
  message: string;
  code?: string;
  hint?: string;
}

/** Turns whatever a `query` call threw into text for an error panel. */
export function describeQueryError(error: unknown): QueryErrorDescription {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof BranchscopeQueryError)) return { message };
  const hint =
    error.code === 'NETWORK_ERROR'
      ? `Is the branchscope API running at ${error.url}? Start it, or point BRANCHSCOPE_API_URL at it.`
      : `The branchscope API at ${error.url} answered with this error.`;
  return { message, code: error.code, hint };
}
