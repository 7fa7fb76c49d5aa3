import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { JobState } from './types';

export interface CancelJobMutationResult {
  cancelJob: JobState & { finishedAt: string | null };
}

export interface CancelJobMutationVariables {
  id: string;
}

/** Cancels a queued or running job; answers it CANCELLED (or as it was, when it had already ended). */
export const CancelJobMutation: TypedDocumentNode<CancelJobMutationResult, CancelJobMutationVariables> = gql`
  mutation CancelJob($id: ID!) {
    cancelJob(id: $id) {
      id
      kind
      status
      progress
      error
      finishedAt
    }
  }
`;
