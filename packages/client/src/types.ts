import type {
  BranchedBlockFragment,
  BranchedModelFragment,
  BranchFragment,
  CatalogueEntryFragment,
  ClusterabilityFragment,
  LayerSpecializationFragment,
  SpecializationReportFragment,
  DatasetExampleFragment,
  DatasetExamplesAnswerFragment,
  DatasetFragment,
  DownloadProgressFragment,
  EnrichmentRowFragment,
  FeatureImageFragment,
  FeatureVisualizationFragment,
  ImageDescriptorFragment,
  JobDetailFragment,
  JobStateFragment,
  LabelFragment,
  LabelSetQueryResult,
  LabelSetSummaryFragment,
  LayerFragment,
  ModelDetailFragment,
  ModelSourceFragment,
  ModelSummaryFragment,
  ModelWeightsFragment,
  NeuronCellFragment,
  NeuronDescriptorFragment,
  NeuronDetailFragment,
  NeuronLabelFragment,
  ObjectiveTraceFragment,
  PermutationTestFragment,
  SvdFactorsFragment,
  UnitFactorsFragment,
  UnitRangeFragment,
  WeightImageFragment,
} from './generated/graphql';

/*
 * Short names for the shapes the client's fragments select (src/documents/*.graphql). Every one is generated from
 * the API's schema by `npm run codegen -w @branchscope/client`: change a fragment, never these.
 */

export type ModelWeights = ModelWeightsFragment;
/** A model as listed: its weights and the views that can show it. */
export type ModelSummary = ModelSummaryFragment;
/** A model with its layers, its branched blocks and its first layer pair (null when it has no single one). */
export type ModelDetail = ModelDetailFragment;
/** A model with its branched blocks, without its layers. */
export type BranchedModel = BranchedModelFragment;
/** What an imported model was imported from: the file's format, name, digest and size, and the import job. */
export type ModelSource = ModelSourceFragment;
/** The first layer and the conv it feeds next: what the AlexNet view draws. */
export type LayerPair = NonNullable<ModelDetail['firstLayerPair']>;
export type Layer = LayerFragment;
export type UnitRange = UnitRangeFragment;
export type Branch = BranchFragment;
export type BranchedBlock = BranchedBlockFragment;
export type UnitFactors = UnitFactorsFragment;
export type SvdFactors = SvdFactorsFragment;
/** A job's state as answers and `jobProgress` give it. */
export type JobState = JobStateFragment;
/** A fetch-model job's download: the share done, the bytes over the size, and whether the file is verified. */
export type DownloadProgress = DownloadProgressFragment;
/** A job as the jobs list shows it. */
export type Job = JobDetailFragment;
/** One filter of a first conv layer as an image. */
export type WeightImage = WeightImageFragment;
export type ImageDescriptor = ImageDescriptorFragment;
export type ObjectiveTrace = ObjectiveTraceFragment;
/** One unit's feature visualization. */
export type FeatureImage = FeatureImageFragment;
/** A unit's feature visualization: the PNG when READY, else the job rendering it (PENDING) or that failed (FAILED). */
export type FeatureVisualization = FeatureVisualizationFragment;
export type NeuronDescriptor = NeuronDescriptorFragment;
export type NeuronLabel = NeuronLabelFragment;
/** What a grid cell shows of a unit. */
export type NeuronCell = NeuronCellFragment;
/** Everything the API knows about one unit, for its page. */
export type NeuronDetail = NeuronDetailFragment;
/** A label set without its labels. */
export type LabelSetSummary = LabelSetSummaryFragment;
/** One unit's category, with who gave it and when. */
export type Label = LabelFragment;
/** A label set with its labels (of one layer when the query asked for one). */
export type LabelSet = NonNullable<LabelSetQueryResult['labelSet']>;
export type EnrichmentRow = EnrichmentRowFragment;
export type Dataset = DatasetFragment;
export type DatasetExample = DatasetExampleFragment;
export type DatasetExamplesAnswer = DatasetExamplesAnswerFragment;
/** A pretrained model the server can fetch by id. */
export type CatalogueEntry = CatalogueEntryFragment;
/** Spectral clustering of consecutive conv layers with its n-cut and shuffle test. */
export type Clusterability = ClusterabilityFragment;
/** The specialization report of any model: what its weights are, then per layer the color distribution, split test and factors. */
export type SpecializationReport = SpecializationReportFragment;
/** Whether categories depend on branches in a layer: the table, mutual information, chi-square and permutation p. */
export type PermutationTest = PermutationTestFragment;
export type LayerSpecialization = LayerSpecializationFragment;

/**
 * What an expensive field answers at once (the schema's `*Answer` types): `result` when stored, otherwise null and
 * `job`, the job computing it. Follow the job with {@link followJob}, then ask again.
 */
export interface Answer<T> {
  result: T | null;
  job: JobState | null;
}
