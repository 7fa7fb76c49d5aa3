import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { Job, ViewKind } from './types';

export interface JobQueryResult {
  /** Null when no job has this id. */
  job: (Job & { result: string | null; model: { id: string; name: string; views: ViewKind[] } | null }) | null;
}

export interface JobQueryVariables {
  id: string;
}

/** One job: its state, what it stored (`result`, JSON) and, for an import, the model it stored. */
export const JobQuery: TypedDocumentNode<JobQueryResult, JobQueryVariables> = gql`
  query Job($id: ID!) {
    job(id: $id) {
      id
      kind
      input
      status
      progress
      error
      createdAt
      startedAt
      finishedAt
      worker
      result
      model {
        id
        name
        views
      }
    }
  }
`;
