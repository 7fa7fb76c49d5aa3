import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { JobState } from './types';

/** File formats `importModel` reads. */
export type ModelFormat = 'ONNX' | 'TFJS' | 'GRAPHDEF';

export interface ImportModelMutationResult {
  importModel: JobState;
}

export interface ImportModelMutationVariables {
  input: {
    name: string;
    format: ModelFormat;
    /** A file or folder on the server's machine; or give `base64`. */
    path?: string | null;
    /** The file itself, standard base64 (staged beside the database until its job ends). */
    base64?: string | null;
    /** Value range of the model's input pixels, [low, high]; [0, 1] by default. */
    inputRange?: [number, number] | null;
  };
}

/** Starts importing a model and answers its `import-model` job at once; follow it, then read `JobQuery`'s `model`. */
export const ImportModelMutation: TypedDocumentNode<ImportModelMutationResult, ImportModelMutationVariables> = gql`
  mutation ImportModel($input: ImportModelInput!) {
    importModel(input: $input) {
      id
      kind
      status
      progress
      error
    }
  }
`;
