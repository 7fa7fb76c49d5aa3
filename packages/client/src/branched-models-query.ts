import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { BranchedModel } from './types';

export interface BranchedModelsQueryResult {
  models: BranchedModel[];
}

export type BranchedModelsQueryVariables = Record<string, never>;

/** Every model with its weights, views and branched blocks. */
export const BranchedModelsQuery: TypedDocumentNode<BranchedModelsQueryResult, BranchedModelsQueryVariables> = gql`
  query BranchedModels {
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
      branchedBlocks {
        name
        kind
        output
        branches {
          index
          name
          layers
          units {
            layer
            start
            end
          }
          inputUnits {
            layer
            start
            end
          }
        }
      }
    }
  }
`;
