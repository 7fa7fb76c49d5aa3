import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { ModelFormat } from './import-model-mutation';
import type { ViewKind } from './types';

/** A pretrained model the server can fetch by id. */
export interface CatalogueEntry {
  id: string;
  name: string;
  format: ModelFormat;
  fileName: string;
  /** Size in bytes; null when not published. */
  bytes: number | null;
  inputRange: [number, number];
  licence: string;
  source: string;
  imported: boolean;
  /** The imported model, with the views that can show it; null until imported. */
  model: { id: string; name: string; views: ViewKind[] } | null;
}

export interface CatalogueQueryResult {
  catalogue: CatalogueEntry[];
}

export type CatalogueQueryVariables = Record<string, never>;

/** The pretrained models the server can fetch, in catalogue order, each saying whether it is imported. */
export const CatalogueQuery: TypedDocumentNode<CatalogueQueryResult, CatalogueQueryVariables> = gql`
  query Catalogue {
    catalogue {
      id
      name
      format
      fileName
      bytes
      inputRange
      licence
      source
      imported
      model {
        id
        name
        views
      }
    }
  }
`;
