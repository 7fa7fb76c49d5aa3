import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { FeatureImage } from './types';

export interface FeatureImagesQueryResult {
  featureImages: FeatureImage[];
}

export interface FeatureImagesQueryVariables {
  modelId: string;
  layer: string;
  /** At most 64 distinct units. */
  units: number[];
  /** Optimisation steps; the API defaults to 128. */
  steps?: number | null;
  /** Image side in pixels; the API defaults to 128. */
  size?: number | null;
  /** The API defaults to 0. */
  seed?: number | null;
}

/**
 * Feature visualizations of `units` of one layer, rendered by a worker job when not stored yet: the query answers
 * only once every image exists, so it can take as long as the render (see `JobsQuery` for its progress).
 */
export const FeatureImagesQuery: TypedDocumentNode<FeatureImagesQueryResult, FeatureImagesQueryVariables> = gql`
  query FeatureImages($modelId: ID!, $layer: String!, $units: [Int!]!, $steps: Int, $size: Int, $seed: Int) {
    featureImages(modelId: $modelId, layer: $layer, units: $units, steps: $steps, size: $size, seed: $seed) {
      unit
      layer
      key
      url
      backend
      steps
      size
      seed
      trace {
        first
        last
        max
      }
      descriptor {
        colorIndex
        frequency
        orientation
      }
      jobId
      computedAt
    }
  }
`;
