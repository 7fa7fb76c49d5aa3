import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { Answer, FeatureImage } from './types';

export interface FeatureImagesQueryResult {
  /** `stored`: the images already rendered while `job` renders the rest. */
  featureImages: Answer<FeatureImage[]> & { stored: FeatureImage[] };
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
 * Feature visualizations of `units` of one layer, answered at once: every image once all are stored, otherwise the
 * images stored so far and the `render-features` job rendering the rest (follow it with `followJob`, then ask again).
 */
export const FeatureImagesQuery: TypedDocumentNode<FeatureImagesQueryResult, FeatureImagesQueryVariables> = gql`
  query FeatureImages($modelId: ID!, $layer: String!, $units: [Int!]!, $steps: Int, $size: Int, $seed: Int) {
    featureImages(modelId: $modelId, layer: $layer, units: $units, steps: $steps, size: $size, seed: $seed) {
      result {
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
      stored {
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
