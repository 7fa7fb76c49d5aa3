import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { Job, JobStatus } from './types';

export interface JobsQueryResult {
  /** Newest first. */
  jobs: Job[];
}

export interface JobsQueryVariables {
  /** Only jobs in this state; all jobs when left out. */
  status?: JobStatus | null;
}

/** Jobs, newest first. */
export const JobsQuery: TypedDocumentNode<JobsQueryResult, JobsQueryVariables> = gql`
  query Jobs($status: JobStatus) {
    jobs(status: $status) {
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
    }
  }
`;
