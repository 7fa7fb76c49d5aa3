import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { AnyVariables, Client, CombinedError } from '@urql/core';
import { BranchscopeQueryError } from './branchscope-query-error';

/**
 * Runs one query and returns its data, or throws a {@link BranchscopeQueryError} naming the operation,
 * the server's message and its error code.
 *
 * @example
 * const { svdFactors } = await query(client, SvdFactorsQuery, { modelId: 'alexnet', from: 'conv1', to: 'conv2' });
 */
export async function query<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const operation = operationName(document);
  const result = await client.query(document, variables).toPromise();
  if (result.error) throw toQueryError(operation, result.operation.context.url, result.error);
  if (result.data === undefined || result.data === null) {
    const url = result.operation.context.url;
    throw new BranchscopeQueryError(`${operation}: the server answered with no data`, operation, 'NO_DATA', url);
  }
  return result.data;
}

function toQueryError(operation: string, url: string, error: CombinedError): BranchscopeQueryError {
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

function operationName(document: TypedDocumentNode<unknown, never>): string {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition' && definition.name) return definition.name.value;
  }
  return 'anonymous query';
}
