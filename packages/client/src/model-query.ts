import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { ModelDetail } from './types';

export interface ModelQueryResult {
  /** Null when no model has this id. */
  model: ModelDetail | null;
}

export interface ModelQueryVariables {
  id: string;
}

/** One model with its weights, the views that can show it, its layers and branched blocks. */
export const ModelQuery: TypedDocumentNode<ModelQueryResult, ModelQueryVariables> = gql`
  query Model($id: ID!) {
    model(id: $id) {
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
      firstLayerPair {
        from
        to
      }
      layers {
        name
        op
        units
        inputs
        kernel
        strides
        group
      }
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
