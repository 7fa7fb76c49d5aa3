import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { NeuronDetail } from './neuron-types';

export interface NeuronQueryResult {
  neuron: NeuronDetail;
}

export interface NeuronQueryVariables {
  modelId: string;
  layer: string;
  unit: number;
  /** Start (or join) a render-layer job when the feature visualization is not stored; false by default. */
  render?: boolean;
}

/** One unit's page: branch, descriptor, feature visualization, weight image and labels. */
export const NeuronQuery: TypedDocumentNode<NeuronQueryResult, NeuronQueryVariables> = gql`
  query Neuron($modelId: ID!, $layer: String!, $unit: Int!, $render: Boolean = false) {
    neuron(modelId: $modelId, layer: $layer, unit: $unit) {
      id
      modelId
      layer
      unit
      block
      branch {
        index
        name
        layers
        units {
          layer
          start
          end
        }
        inputUnits {
          layer
          start
          end
        }
      }
      descriptor {
        colorIndex
        frequency
        orientation
        source
        imageUrl
      }
      featureVisualization(render: $render) {
        status
        url
        steps
        size
        seed
        backend
        job {
          id
          kind
          status
          progress
          error
        }
      }
      weightImage {
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
      labels {
        labelSetId
        labelSetName
        source
        category
        author
        at
      }
    }
  }
`;
