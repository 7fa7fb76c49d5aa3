import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { CombinedError } from '@urql/core';
import { BranchscopeQueryError } from './branchscope-query-error';

/**
 * The {@link BranchscopeQueryError} for a failed operation: the first GraphQL error's message and
 * `extensions.code`, or `NETWORK_ERROR` when the server was not reached.
 */
export function toQueryError(operation: string, url: string, error: CombinedError): BranchscopeQueryError {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'GRAPHQL_ERROR';
    return new BranchscopeQueryError(`${operation}: ${first.message} (${code})`, operation, code, url, {
      cause: error,
    });
  }
  const reason = error.networkError?.message ?? error.message;
  return new BranchscopeQueryError(
    `${operation}: could not reach the branchscope API at ${url}: ${reason}`,
    operation,
    'NETWORK_ERROR',
    url,
    { cause: error },
  );
}

/** The operation's name (e.g. `SvdFactors`), for error messages. */
export function operationName(document: TypedDocumentNode<unknown, never>): string {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition' && definition.name) return definition.name.value;
  }
  return 'anonymous operation';
}
