import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { EnrichmentRow } from './label-types';

export interface EnrichmentQueryResult {
  enrichment: EnrichmentRow[];
}

export interface EnrichmentQueryVariables {
  modelId: string;
  labelSetId: string;
  /** The output layer of a branched block, e.g. `mixed3a`. */
  layer: string;
}

/**
 * Per branch and category of `layer`: the count in the branch, the exact hypergeometric chance of at least that
 * many, and Benjamini-Hochberg q-values. Computed from the stored labels on every call.
 */
export const EnrichmentQuery: TypedDocumentNode<EnrichmentQueryResult, EnrichmentQueryVariables> = gql`
  query Enrichment($modelId: ID!, $labelSetId: ID!, $layer: String!) {
    enrichment(modelId: $modelId, labelSetId: $labelSetId, layer: $layer) {
      branch
      category
      inBranch
      categorySize
      branchSize
      layerUnits
      expected
      p
      logP
      q
    }
  }
`;
