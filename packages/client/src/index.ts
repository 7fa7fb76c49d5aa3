export { createBranchscopeClient, DEFAULT_API_URL } from './create-branchscope-client';
export type { Client } from '@urql/core';
export { query } from './query';
export { BranchscopeQueryError } from './branchscope-query-error';
export { apiUrlFromEnv } from './api-url-from-env';
export { describeQueryError } from './describe-query-error';
export { weightsSummary } from './weights-summary';
export type { QueryErrorDescription } from './describe-query-error';
export { ModelsQuery } from './models-query';
export type { ModelsQueryResult, ModelsQueryVariables } from './models-query';
export { ModelQuery } from './model-query';
export type { ModelQueryResult, ModelQueryVariables } from './model-query';
export { SvdFactorsQuery } from './svd-factors-query';
export type { SvdFactorsQueryResult, SvdFactorsQueryVariables } from './svd-factors-query';
export { ChanceProbabilityQuery } from './chance-probability-query';
export type { ChanceProbabilityQueryResult, ChanceProbabilityQueryVariables } from './chance-probability-query';
export { JobsQuery } from './jobs-query';
export type { JobsQueryResult, JobsQueryVariables } from './jobs-query';
export { BranchedModelsQuery } from './branched-models-query';
export type { BranchedModelsQueryResult, BranchedModelsQueryVariables } from './branched-models-query';
export { NeuronQuery } from './neuron-query';
export type { NeuronQueryResult, NeuronQueryVariables } from './neuron-query';
export { NeuronsQuery } from './neurons-query';
export type { NeuronsQueryResult, NeuronsQueryVariables } from './neurons-query';
export type { FeatureVisualization, FeatureVisualizationStatus, NeuronCell, NeuronDescriptor, NeuronDetail, NeuronLabel } from './neuron-types';
export { DatasetsQuery } from './datasets-query';
export type { DatasetsQueryResult } from './datasets-query';
export { RegisterDatasetMutation } from './register-dataset-mutation';
export type { RegisterDatasetMutationResult, RegisterDatasetMutationVariables } from './register-dataset-mutation';
export { NeuronExamplesQuery } from './neuron-examples-query';
export type { NeuronExamplesQueryResult, NeuronExamplesQueryVariables } from './neuron-examples-query';
export type { Dataset, DatasetExample, DatasetExamplesAnswer, ExampleMeasure, ExampleOrder } from './dataset-types';
export { WeightImagesQuery } from './weight-images-query';
export type { WeightImagesQueryResult, WeightImagesQueryVariables } from './weight-images-query';
export { FeatureImagesQuery } from './feature-images-query';
export { ClusterabilityQuery } from './clusterability-query';
export type { Clusterability, ClusterabilityQueryResult, ClusterabilityQueryVariables } from './clusterability-query';
export type { FeatureImagesQueryResult, FeatureImagesQueryVariables } from './feature-images-query';
export type {
  BranchedModel,
  WeightImage,
  FeatureImage,
  ImageDescriptor,
  ObjectiveTrace,
  ModelSummary,
  ModelDetail,
  ModelWeights,
  WeightsKind,
  ViewKind,
  LayerPair,
  Layer,
  BlockKind,
  UnitRange,
  Branch,
  BranchedBlock,
  UnitFactors,
  SvdFactors,
  JobStatus,
  JobState,
  Job,
  Answer,
} from './types';
export { JobQuery } from './job-query';
export type { JobQueryResult, JobQueryVariables } from './job-query';
export { CancelJobMutation } from './cancel-job-mutation';
export { RenderLayerMutation } from './render-layer-mutation';
export type { RenderLayerMutationResult, RenderLayerMutationVariables } from './render-layer-mutation';
export type { CancelJobMutationResult, CancelJobMutationVariables } from './cancel-job-mutation';
export { ImportModelMutation } from './import-model-mutation';
export type { ImportModelMutationResult, ImportModelMutationVariables, ModelFormat } from './import-model-mutation';
export { FetchCatalogueModelMutation } from './fetch-catalogue-model-mutation';
export type { FetchCatalogueModelMutationResult, FetchCatalogueModelMutationVariables } from './fetch-catalogue-model-mutation';
export { CatalogueQuery } from './catalogue-query';
export type { CatalogueEntry, CatalogueQueryResult, CatalogueQueryVariables } from './catalogue-query';
export { followJob, jobHasEnded, webSocketUrl, JOB_PROGRESS_SUBSCRIPTION } from './follow-job';
export type { FollowJobOptions } from './follow-job';
export { operationText } from './operation-text';
export { mutate } from './mutate';
export { LabelSetsQuery } from './label-sets-query';
export type { LabelSetsQueryResult, LabelSetsQueryVariables } from './label-sets-query';
export { LabelSetQuery } from './label-set-query';
export type { LabelSetQueryResult, LabelSetQueryVariables } from './label-set-query';
export { EnrichmentQuery } from './enrichment-query';
export type { EnrichmentQueryResult, EnrichmentQueryVariables } from './enrichment-query';
export { CreateLabelSetMutation } from './create-label-set-mutation';
export type { CreateLabelSetMutationResult, CreateLabelSetMutationVariables } from './create-label-set-mutation';
export { LabelUnitMutation } from './label-unit-mutation';
export type { LabelUnitMutationResult, LabelUnitMutationVariables } from './label-unit-mutation';
export { RemoveLabelMutation } from './remove-label-mutation';
export type { RemoveLabelMutationResult, RemoveLabelMutationVariables } from './remove-label-mutation';
export type { LabelSource, LabelSetSummary, LabelSet, Label, EnrichmentPopulation, EnrichmentRow } from './label-types';
