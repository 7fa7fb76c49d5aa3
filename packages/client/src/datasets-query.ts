import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { Dataset } from './dataset-types';

export interface DatasetsQueryResult {
  datasets: Dataset[];
}

/** Every registered dataset, oldest first. */
export const DatasetsQuery: TypedDocumentNode<DatasetsQueryResult, Record<string, never>> = gql`
  query Datasets {
    datasets {
      id
      name
      path
      images
      classes
      createdAt
    }
  }
`;
