import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { LabelSetSummary } from './label-types';

export interface CreateLabelSetMutationResult {
  createLabelSet: LabelSetSummary;
}

export interface CreateLabelSetMutationVariables {
  modelId: string;
  name: string;
  author: string;
}

/** A new, empty human label set of a model. */
export const CreateLabelSetMutation: TypedDocumentNode<CreateLabelSetMutationResult, CreateLabelSetMutationVariables> = gql`
  mutation CreateLabelSet($modelId: ID!, $name: String!, $author: String!) {
    createLabelSet(modelId: $modelId, name: $name, author: $author) {
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
