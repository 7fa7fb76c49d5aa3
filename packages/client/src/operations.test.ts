import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import type { DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  BranchedModelsQuery,
  ChanceProbabilityQuery,
  CreateLabelSetMutation,
  EnrichmentQuery,
  FeatureImagesQuery,
  JobsQuery,
  LabelSetQuery,
  LabelSetsQuery,
  LabelUnitMutation,
  ModelQuery,
  ModelsQuery,
  RemoveLabelMutation,
  SvdFactorsQuery,
  WeightImagesQuery,
  NeuronQuery,
  NeuronsQuery,
  DatasetsQuery,
  RegisterDatasetMutation,
  NeuronExamplesQuery,
  JobQuery,
  CancelJobMutation,
  ImportModelMutation,
  FetchCatalogueModelMutation,
  CatalogueQuery,
  ClusterabilityQuery,
  RenderLayerMutation,
  JOB_PROGRESS_SUBSCRIPTION,
} from './index';

const schemaPath = fileURLToPath(new URL('../../../services/api/src/schema.graphql', import.meta.url));
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

const documents = {
  ModelsQuery,
  ClusterabilityQuery,
  RenderLayerMutation,
  ModelQuery,
  SvdFactorsQuery,
  ChanceProbabilityQuery,
  JobsQuery,
  LabelSetsQuery,
  LabelSetQuery,
  EnrichmentQuery,
  CreateLabelSetMutation,
  LabelUnitMutation,
  RemoveLabelMutation,
  BranchedModelsQuery,
  WeightImagesQuery,
  FeatureImagesQuery,
  JobQuery,
  CancelJobMutation,
  ImportModelMutation,
  FetchCatalogueModelMutation,
  CatalogueQuery,
  NeuronQuery,
  NeuronsQuery,
  DatasetsQuery,
  RegisterDatasetMutation,
  NeuronExamplesQuery,
  JobProgressSubscription: parse(JOB_PROGRESS_SUBSCRIPTION),
};

describe('hand-written operations', () => {
  for (const [name, document] of Object.entries(documents)) {
    it(`${name} validates against the API schema`, () => {
      const errors = validate(schema, document as unknown as DocumentNode);
      expect(errors.map((e) => e.message)).toEqual([]);
    });
  }
});
