import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { JobState } from './types';

export interface RenderLayerMutationResult {
  renderLayer: JobState;
}

export interface RenderLayerMutationVariables {
  modelId: string;
  layer: string;
  /** featureImages' defaults when left out. */
  steps?: number | null;
  size?: number | null;
  seed?: number | null;
}

/**
 * Starts (or joins) the `render-layer` job rendering every unit of a layer, answered at once with the job: each unit is
 * stored as its batch ends, so a grid following the job fills in as it goes.
 */
export const RenderLayerMutation: TypedDocumentNode<RenderLayerMutationResult, RenderLayerMutationVariables> = gql`
  mutation RenderLayer($modelId: ID!, $layer: String!, $steps: Int, $size: Int, $seed: Int) {
    renderLayer(modelId: $modelId, layer: $layer, steps: $steps, size: $size, seed: $seed) {
      id
      kind
      status
      progress
      error
    }
  }
`;
