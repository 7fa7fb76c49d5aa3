import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { AnyVariables, Client } from '@urql/core';
import { BranchscopeQueryError } from './branchscope-query-error';
import { operationName, toQueryError } from './query-error';

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
