import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { ModelSummary } from './types';

export interface ModelsQueryResult {
  models: ModelSummary[];
}

export type ModelsQueryVariables = Record<string, never>;

/** Every model in the catalogue. */
export const ModelsQuery: TypedDocumentNode<ModelsQueryResult, ModelsQueryVariables> = gql`
  query Models {
    models {
      id
      name
      family
      inputShape
    }
  }
`;
