import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { Answer } from './types';

/** Spectral clustering of consecutive conv layers with its n-cut and shuffle test (the API's `Clusterability`). */
export interface Clusterability {
  modelId: string;
  layers: string[];
  /** Units of each layer, in `layers` order. */
  layerSizes: number[];
  k: number;
  /** n-cut of the clustering of the real weights. */
  observedNCut: number;
  mean: number;
  sd: number;
  /** (observed - mean) / sd; null when the shuffles have no spread. */
  zScore: number | null;
  /** (#shuffled n-cuts at or below observed + 1) / (shuffles + 1). */
  p: number;
  /** Why zScore or p may say less than they seem to, one sentence each. */
  warnings: string[];
  shuffles: number;
  seed: number;
  jobId: string;
  computedAt: string;
}

export interface ClusterabilityQueryResult {
  clusterability: Answer<Clusterability>;
}

export interface ClusterabilityQueryVariables {
  modelId: string;
  /** Consecutive conv layers. */
  layers: string[];
  /** Clusters, 2 to 64. */
  k: number;
  /** Shuffled networks to compare with; the API defaults to 100. */
  shuffles?: number;
  /** The API defaults to 0. */
  seed?: number;
}

/** The n-cut clusterability of `layers` against shuffles, or the job computing it (see {@link Answer}). */
export const ClusterabilityQuery: TypedDocumentNode<ClusterabilityQueryResult, ClusterabilityQueryVariables> = gql`
  query Clusterability($modelId: ID!, $layers: [String!]!, $k: Int!, $shuffles: Int! = 100, $seed: Int! = 0) {
    clusterability(modelId: $modelId, layers: $layers, k: $k, shuffles: $shuffles, seed: $seed) {
      result {
        modelId
        layers
        layerSizes
        k
        observedNCut
        mean
        sd
        zScore
        p
        warnings
        shuffles
        seed
        jobId
        computedAt
      }
      job {
        id
        kind
        status
        progress
        error
      }
    }
  }
`;
