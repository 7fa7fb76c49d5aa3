import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { JobState } from './types';

export interface FetchCatalogueModelMutationResult {
  fetchCatalogueModel: JobState;
}

export interface FetchCatalogueModelMutationVariables {
  /** A catalogue entry's id, e.g. `bvlcalexnet-8`. */
  id: string;
}

/** Starts downloading and importing a catalogue model and answers its `fetch-model` job at once. */
export const FetchCatalogueModelMutation: TypedDocumentNode<FetchCatalogueModelMutationResult, FetchCatalogueModelMutationVariables> = gql`
  mutation FetchCatalogueModel($id: ID!) {
    fetchCatalogueModel(id: $id) {
      id
      kind
      status
      progress
      error
    }
  }
`;
