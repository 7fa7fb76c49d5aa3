/** A failed branchscope query: the GraphQL error (with its `extensions.code`) or the network failure. */
export class BranchscopeQueryError extends Error {
  override name = 'BranchscopeQueryError';

  constructor(
    message: string,
    /** The operation that failed, e.g. `SvdFactors`. */
    readonly operation: string,
    /** The first GraphQL error's `extensions.code`, or `NETWORK_ERROR` when the server was not reached. */
    readonly code: string,
    /** The endpoint the query went to. */
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
