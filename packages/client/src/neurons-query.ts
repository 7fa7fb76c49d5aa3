import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { NeuronCell } from './neuron-types';

export interface NeuronsQueryResult {
  neurons: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: NeuronCell }[];
  };
}

export interface NeuronsQueryVariables {
  modelId: string;
  layer: string;
  /** 1 to 500; 100 by default. */
  first?: number;
  /** `pageInfo.endCursor` of the previous page. */
  after?: string | null;
}

/** A page of a layer's units with each one's feature-image status and labels, for grids (one query per concern). */
export const NeuronsQuery: TypedDocumentNode<NeuronsQueryResult, NeuronsQueryVariables> = gql`
  query Neurons($modelId: ID!, $layer: String!, $first: Int = 100, $after: String) {
    neurons(modelId: $modelId, layer: $layer, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          unit
          block
          branch {
            index
            name
          }
          featureVisualization {
            status
            url
            steps
            size
            seed
            backend
            job {
              id
              kind
              status
              progress
              error
            }
          }
          labels {
            labelSetId
            labelSetName
            source
            category
            author
            at
          }
        }
      }
    }
  }
`;
