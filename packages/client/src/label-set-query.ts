import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { LabelSet } from './label-types';

export interface LabelSetQueryResult {
  /** Null when no set has this id. */
  labelSet: LabelSet | null;
}

export interface LabelSetQueryVariables {
  id: string;
  /** Only the labels of this layer; all labels when left out. */
  layer?: string | null;
}

/** One label set with its labels, optionally of one layer. */
export const LabelSetQuery: TypedDocumentNode<LabelSetQueryResult, LabelSetQueryVariables> = gql`
  query LabelSet($id: ID!, $layer: String) {
    labelSet(id: $id) {
      id
      modelId
      name
      source
      author
      params
      createdAt
      labelCount
      labels(layer: $layer) {
        layer
        unit
        category
        author
        at
      }
    }
  }
`;
