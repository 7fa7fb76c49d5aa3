export type { ModelId, UnitIndex } from './ids';
export { modelId, unitIndex } from './ids';
export type {
  OpKind,
  ConvAttrs,
  ClipAttrs,
  HardSigmoidAttrs,
  AffineAttrs,
  PoolAttrs,
  LrnAttrs,
  GraphNode,
  Graph,
  UnitRange,
  BlockKind,
  Branch,
  BranchedBlock,
  ConvWeights,
} from './graph/graph';
export { alexnetGraph } from './architectures/alexnet';
export type { Matrix } from './linalg/matrix';
export { zeros, fromRows, at, toRows } from './linalg/matrix';
export { hypergeometricTail, logHypergeometricTail } from './stats/hypergeometric';
export { findBranches } from './graph/find-branches';
export { receptiveField, receptiveBox } from './graph/receptive-field';
export type { ReceptiveField, PixelBox } from './graph/receptive-field';
export type { BranchRef } from './graph/branch-of-unit';
export { branchOfUnit } from './graph/branch-of-unit';
export type { GraphIndex } from './graph/graph-index';
export { graphIndex, nodeOf } from './graph/graph-index';
export type { Svd } from './linalg/svd';
export { svd } from './linalg/svd';
export { transpose } from './linalg/transpose';
export { absWeightMatrix } from './weights/abs-weight-matrix';
export type { WeightFactors } from './factors/weight-factors';
export { weightFactors } from './factors/weight-factors';
export type { Connection } from './graph/connection-between';
export { connectionBetween } from './graph/connection-between';
export type { LayerPairErrorCode } from './graph/layer-pair-error';
export { LayerPairError } from './graph/layer-pair-error';
export { layerPairMatrix } from './graph/layer-pair-matrix';
export type { Random, MutableArrayLike } from './random/create-random';
export { createRandom } from './random/create-random';
export type { LabelSetId, LabelSource, UnitLabel, LabelSet } from './categories/label-set';
export { labelSetId } from './categories/label-set';
export type { NamedBranchRange, PublishedClaim, PublishedLayer, PublishedCategories } from './categories/parse-published-categories';
export { parsePublishedCategories, PublishedCategoriesError } from './categories/parse-published-categories';
export type { NeuronDescriptor, RuleDimension, CategoryRules, RuleLabelSetInfo } from './categories/categorize-by-rules';
export { categorizeByRules, DEFAULT_CATEGORY_RULES } from './categories/categorize-by-rules';
export { benjaminiHochberg } from './stats/benjamini-hochberg';
export type { EnrichmentInput, EnrichmentPopulation, EnrichmentRow } from './stats/enrichment';
export { branchEnrichment } from './stats/enrichment';
export type { Shape } from './graph/infer-shapes';
export { validateGraph } from './graph/validate-graph';
export { inceptionV1Graph } from './architectures/inception-v1';
export { googlenetGraph } from './architectures/googlenet';
export type { ResnetDepth, ResnetOptions } from './architectures/resnet';
export { resnetGraph } from './architectures/resnet';
export type { FirstLayerOptions, SmallOptions } from './architectures/small-options';
export type { SmallAlexnetOptions } from './architectures/small-alexnet';
export { smallAlexnetGraph } from './architectures/small-alexnet';
export type { SplitFirstLayerOptions } from './architectures/split-first-layer';
export { splitFirstLayerGraph } from './architectures/split-first-layer';
export type { SmallInceptionOptions } from './architectures/small-inception';
export { smallInceptionGraph } from './architectures/small-inception';
export type { SmallResnetOptions } from './architectures/small-resnet';
export { smallResnetGraph } from './architectures/small-resnet';
export type { ArchitectureFamily, BuiltinArchitecture } from './architectures/builtin-architectures';
export { builtinArchitectures } from './architectures/builtin-architectures';
export type { PermutationTestInput, PermutationTestResult } from './stats/permutation-test';
export { permutationTest, OUTSIDE_BRANCHES } from './stats/permutation-test';
export type { SymmetricEigen } from './linalg/symmetric-eigen';
export { symmetricEigen } from './linalg/symmetric-eigen';
export type { SymmetricOperator, LargestEigenpairsOptions, Eigenpairs } from './clustering/largest-eigenpairs';
export { largestEigenpairs } from './clustering/largest-eigenpairs';
export type { SpectralClusteringOptions, SpectralClusteringResult } from './clustering/spectral-clustering';
export { spectralClustering } from './clustering/spectral-clustering';
export { nCut } from './clustering/n-cut';
export type { ShuffleTestInput, ShuffleTestResult } from './clustering/shuffle-test';
export { shuffleTest } from './clustering/shuffle-test';
export type { HwcImage } from './descriptors/hwc-image';
export { checkHwcImage } from './descriptors/hwc-image';
export { INCEPTIONV1_5X5_LABEL_SET_ID, INCEPTIONV1_5X5_ABOUT, inceptionV1PublishedCategories } from './categories/inceptionv1-published-categories';
export { filterAsImage } from './descriptors/filter-as-image';
export { colorIndex } from './descriptors/color-index';
export { channelsShown, colorChannels, displayImage } from './descriptors/display-image';
export type { DominantFrequency, DominantFrequencyOptions } from './descriptors/dominant-frequency';
export { dominantFrequency } from './descriptors/dominant-frequency';
export type { NeuronDescriptors } from './descriptors/neuron-descriptors';
export { describeImage, describeFilters } from './descriptors/neuron-descriptors';
export type { MannWhitneyResult } from './stats/mann-whitney';
export { mannWhitneyU } from './stats/mann-whitney';
export { normalUpperTail } from './stats/normal-tail';
export { pearsonCorrelation, spearmanCorrelation } from './stats/correlation';
export { median } from './reports/median';
export type { SplitCriterion, SplitVerdict } from './reports/split-criterion';
export { DEFAULT_SPLIT_CRITERION, splitVerdict } from './reports/split-criterion';
export type { BranchReportInput, BranchSummary, PairComparison, BranchSpecializationReport } from './reports/branch-specialization-report';
export { branchSpecializationReport } from './reports/branch-specialization-report';
export type { FactorCorrelationInput, FactorCorrelation, FactorCorrelationReport } from './reports/factor-correlation-report';
export { factorCorrelationReport } from './reports/factor-correlation-report';
export type { BimodalityCoefficient, BimodalityTest } from './reports/bimodality';
export { bimodalityCoefficient, bimodalityTest, UNIFORM_BIMODALITY_COEFFICIENT } from './reports/bimodality';
export type { DipTest } from './reports/dip-test';
export { hartiganDip, dipTest } from './reports/dip-test';
export type { Histogram } from './reports/histogram';
export { histogram } from './reports/histogram';
export type { UnitBranches } from './reports/unit-branches';
export { unitBranches } from './reports/unit-branches';
export { firstLayerOf, imageConvs, layerFilters, nextConvOf } from './reports/layer-filters';
export type { WeightsOrigin, SpecializationInput, LayerChoice, ColorDistribution, LayerSpecialization, SpecializationReport } from './reports/specialization-report';
export { specializationReport, defaultReportLayers } from './reports/specialization-report';
export { specializationMarkdown } from './reports/specialization-markdown';
export { closeNames } from './graph/close-names';
export type { ModelFileFormat, SniffedFormat } from './model-format/model-file-format';
export { sniffModelBytes } from './model-format/sniff-model-bytes';
export { sniffModelFolder } from './model-format/sniff-model-folder';
export { fileNameFor, formatLabel, unsupportedFormatMessage } from './model-format/conversion-advice';
