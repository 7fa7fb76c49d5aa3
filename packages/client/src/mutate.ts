import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { AnyVariables, Client } from '@urql/core';
import { BranchscopeQueryError } from './branchscope-query-error';
import { operationName, toQueryError } from './query-error';

/**
 * Runs one mutation and returns its data, or throws a {@link BranchscopeQueryError} naming the operation,
 * the server's message and its error code (`BAD_USER_INPUT` for a unit beyond the layer, ...).
 *
 * @example
 * const { labelUnit } = await mutate(client, LabelUnitMutation, { labelSetId, layer: 'mixed3a', unit: 197, category: 'BW vs Color', author: 'ada' });
 */
export async function mutate<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const operation = operationName(document);
  const result = await client.mutation(document, variables).toPromise();
  if (result.error) throw toQueryError(operation, result.operation.context.url, result.error);
  if (result.data === undefined || result.data === null) {
    const url = result.operation.context.url;
    throw new BranchscopeQueryError(`${operation}: the server answered with no data`, operation, 'NO_DATA', url);
  }
  return result.data;
}
