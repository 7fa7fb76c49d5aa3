import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql } from '@urql/core';
import type { DatasetExamplesAnswer, ExampleMeasure } from './dataset-types';

export interface NeuronExamplesQueryResult {
  neuron: { id: string; top: DatasetExamplesAnswer; bottom: DatasetExamplesAnswer };
}

export interface NeuronExamplesQueryVariables {
  modelId: string;
  layer: string;
  unit: number;
  dataset: string;
  /** MEAN by default. */
  by?: ExampleMeasure;
}

const EXAMPLE_FIELDS = `
  result { rank image file value y x box { y0 x0 y1 x1 } cropUrl }
  job { id kind status progress error }
`;

/**
 * A unit's 9 highest and 9 lowest images of a dataset (with the crop around the max), or the layer's
 * dataset-examples job while it runs (see `Answer`).
 */
export const NeuronExamplesQuery: TypedDocumentNode<NeuronExamplesQueryResult, NeuronExamplesQueryVariables> = gql`
  query NeuronExamples($modelId: ID!, $layer: String!, $unit: Int!, $dataset: ID!, $by: ExampleMeasure = MEAN) {
    neuron(modelId: $modelId, layer: $layer, unit: $unit) {
      id
      top: datasetExamples(dataset: $dataset, by: $by, order: TOP) { ${EXAMPLE_FIELDS} }
      bottom: datasetExamples(dataset: $dataset, by: $by, order: BOTTOM) { ${EXAMPLE_FIELDS} }
    }
  }
`;
