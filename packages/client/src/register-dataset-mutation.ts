import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { Dataset } from './dataset-types';

export interface RegisterDatasetMutationResult {
  registerDataset: Dataset;
}

export interface RegisterDatasetMutationVariables {
  name: string;
  /** A folder of class sub-folders of images, under the server's dataset folders. */
  path: string;
}

/** Registers an image folder on the server as a dataset (the same folder again returns its dataset). */
export const RegisterDatasetMutation: TypedDocumentNode<RegisterDatasetMutationResult, RegisterDatasetMutationVariables> = gql`
  mutation RegisterDataset($name: String!, $path: String!) {
    registerDataset(name: $name, path: $path) {
      id
      name
      path
      images
      classes
      createdAt
    }
  }
`;
