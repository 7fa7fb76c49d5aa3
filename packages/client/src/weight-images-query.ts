import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { Answer, WeightImage } from './types';

export interface WeightImagesQueryResult {
  weightImages: Answer<WeightImage[]>;
}

export interface WeightImagesQueryVariables {
  modelId: string;
  /** A first conv layer (fed by the input), e.g. `conv1`. */
  layer: string;
}

/**
 * Every filter of a first conv layer as a PNG (a path on the API's origin), with its colour index and frequency, or
 * the job making them (see {@link Answer}).
 */
export const WeightImagesQuery: TypedDocumentNode<WeightImagesQueryResult, WeightImagesQueryVariables> = gql`
  query WeightImages($modelId: ID!, $layer: String!) {
    weightImages(modelId: $modelId, layer: $layer) {
      result {
        unit
        key
        url
        height
        width
        channels
        channelsShown
        colorIndex
        frequency
        orientation
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
