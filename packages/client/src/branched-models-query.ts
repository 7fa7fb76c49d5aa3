import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { BranchedModel } from './types';

export interface BranchedModelsQueryResult {
  models: BranchedModel[];
}

export type BranchedModelsQueryVariables = Record<string, never>;

/** Every model with its family and branched blocks: enough for a view to list the models it can show. */
export const BranchedModelsQuery: TypedDocumentNode<BranchedModelsQueryResult, BranchedModelsQueryVariables> = gql`
  query BranchedModels {
    models {
      id
      name
      family
      inputShape
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
