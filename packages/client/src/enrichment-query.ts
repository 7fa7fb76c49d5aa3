import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { EnrichmentPopulation, EnrichmentRow } from './label-types';

export interface EnrichmentQueryResult {
  enrichment: EnrichmentRow[];
}

export interface EnrichmentQueryVariables {
  modelId: string;
  labelSetId: string;
  /** The output layer of a branched block, e.g. `mixed3a`. */
  layer: string;
  /** What the chance draws from; the API's default, `ALL_UNITS`, when left out. */
  population?: EnrichmentPopulation;
}

/**
 * Per branch and category of `layer`: the count in the branch, how many units of the branch and of the layer are
 * labelled, the exact hypergeometric chance of at least that many over `population`, and Benjamini-Hochberg
 * q-values. Computed from the stored labels on every call.
 */
export const EnrichmentQuery: TypedDocumentNode<EnrichmentQueryResult, EnrichmentQueryVariables> = gql`
  query Enrichment($modelId: ID!, $labelSetId: ID!, $layer: String!, $population: EnrichmentPopulation! = ALL_UNITS) {
    enrichment(modelId: $modelId, labelSetId: $labelSetId, layer: $layer, population: $population) {
      branch
      category
      inBranch
      categorySize
      branchSize
      layerUnits
      branchLabelled
      layerLabelled
      expected
      p
      logP
      q
    }
  }
`;
