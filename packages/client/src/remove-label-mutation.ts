import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';

export interface RemoveLabelMutationResult {
  /** True when the unit had a label. */
  removeLabel: boolean;
}

export interface RemoveLabelMutationVariables {
  labelSetId: string;
  layer: string;
  unit: number;
}

/** Removes one unit's label from a human label set. */
export const RemoveLabelMutation: TypedDocumentNode<RemoveLabelMutationResult, RemoveLabelMutationVariables> = gql`
  mutation RemoveLabel($labelSetId: ID!, $layer: String!, $unit: Int!) {
    removeLabel(labelSetId: $labelSetId, layer: $layer, unit: $unit)
  }
`;
