import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { LabelSetSummary } from './label-types';

export interface LabelSetsQueryResult {
  /** Oldest first. */
  labelSets: LabelSetSummary[];
}

export interface LabelSetsQueryVariables {
  modelId: string;
}

/** A model's label sets (human, rule and published), oldest first, without their labels. */
export const LabelSetsQuery: TypedDocumentNode<LabelSetsQueryResult, LabelSetsQueryVariables> = gql`
  query LabelSets($modelId: ID!) {
    labelSets(modelId: $modelId) {
      id
      modelId
      name
      source
      author
      params
      createdAt
      labelCount
    }
  }
`;
