import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { Label } from './label-types';

export interface LabelUnitMutationResult {
  labelUnit: Label;
}

export interface LabelUnitMutationVariables {
  labelSetId: string;
  layer: string;
  unit: number;
  category: string;
  author: string;
}

/** Gives one unit of a human label set its category, replacing any label it had. */
export const LabelUnitMutation: TypedDocumentNode<LabelUnitMutationResult, LabelUnitMutationVariables> = gql`
  mutation LabelUnit($labelSetId: ID!, $layer: String!, $unit: Int!, $category: String!, $author: String!) {
    labelUnit(labelSetId: $labelSetId, layer: $layer, unit: $unit, category: $category, author: $author) {
      layer
      unit
      category
      author
      at
    }
  }
`;
