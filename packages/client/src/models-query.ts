import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { ModelSummary } from './types';

export interface ModelsQueryResult {
  models: ModelSummary[];
}

export type ModelsQueryVariables = Record<string, never>;

/** Every model in the catalogue, with its weights and the views that can show it. */
export const ModelsQuery: TypedDocumentNode<ModelsQueryResult, ModelsQueryVariables> = gql`
  query Models {
    models {
      id
      name
      family
      inputShape
      weights {
        kind
        seed
        dataset
        epochs
        fileName
        sha256
        readingNote
      }
      views
    }
  }
`;
