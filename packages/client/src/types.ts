/**
 * Result shapes of the operations in this package, mirroring `services/api/src/schema.graphql`.
 * Written by hand (no codegen): when the schema changes, change these and the documents together.
 */

/** Where a model's weights come from. */
export type WeightsKind = 'SEEDED_RANDOM' | 'TRAINED_HERE' | 'IMPORTED';

/** What a model's weights are; the fields that do not apply to the kind are null. */
export interface ModelWeights {
  kind: WeightsKind;
  /** SEEDED_RANDOM: the generator's seed; TRAINED_HERE: the training run's seed. */
  seed: number | null;
  /** TRAINED_HERE: the dataset as the training record names it. */
  dataset: string | null;
  epochs: number | null;
  /** IMPORTED: the imported file's name and SHA-256 (hex). */
  fileName: string | null;
  sha256: string | null;
  /** One sentence: what can and cannot be read from a model with such weights. */
  readingNote: string;
}

/** A portal view that can show a model, decided by the model's structure. */
export type ViewKind = 'ALEXNET' | 'INCEPTION' | 'RESNET';

/** A model as listed in the catalogue. */
export interface ModelSummary {
  id: string;
  name: string;
  /** Architecture family: `alexnet`, `inception`, `resnet`, `split-first-layer`, or `imported`. */
  family: string;
  /** [channels, height, width]. */
  inputShape: number[];
  weights: ModelWeights;
  /** The views that can show the model. */
  views: ViewKind[];
}

/** The first layer and the conv it feeds next: what the AlexNet view draws. */
export interface LayerPair {
  from: string;
  to: string;
}

export interface Layer {
  name: string;
  op: string;
  /** Output channels. */
  units: number;
  inputs: string[];
  kernel: number[] | null;
  strides: number[] | null;
  group: number | null;
}

/** The schema's BlockKind: a grouped conv, Concat-joined paths, an Add-joined residual path, a squeeze-and-excitation gate. */
export type BlockKind = 'GROUPED' | 'CONCAT' | 'RESIDUAL' | 'GATE';

export interface UnitRange {
  layer: string;
  start: number;
  end: number;
}

export interface Branch {
  index: number;
  name: string;
  layers: string[];
  units: UnitRange;
  inputUnits: UnitRange | null;
}

export interface BranchedBlock {
  name: string;
  kind: BlockKind;
  output: string;
  branches: Branch[];
}

/** A model with its layers and the blocks of parallel branches found in its graph. */
export interface ModelDetail extends ModelSummary {
  layers: Layer[];
  branchedBlocks: BranchedBlock[];
  /** Null when the model has no single first-layer pair. */
  firstLayerPair: LayerPair | null;
}

export interface UnitFactors {
  unit: number;
  /** The unit's first `components` factors. */
  factors: number[];
  /** Branch the unit feeds (`from` units) or belongs to (`to` units); null when unbranched. */
  branch: number | null;
}

export interface SvdFactors {
  modelId: string;
  from: string;
  to: string;
  centered: boolean;
  rows: number;
  cols: number;
  singularValues: number[];
  explainedVariance: number[];
  fromUnits: UnitFactors[];
  toUnits: UnitFactors[];
  jobId: string;
  computedAt: string;
}

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** A job's state as answers and `jobProgress` give it. */
export interface JobState {
  id: string;
  kind: string;
  status: JobStatus;
  /** 0 to 1. */
  progress: number;
  error: string | null;
}

export interface Job extends JobState {
  /** The job's input, as JSON. */
  input: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The worker process that ran (or runs) it, `host:pid`. */
  worker: string | null;
}

/**
 * What an expensive field answers at once (the schema's `*Answer` types): `result` when stored, otherwise null and
 * `job`, the job computing it. Follow the job with {@link followJob}, then ask again.
 */
export interface Answer<T> {
  result: T | null;
  job: JobState | null;
}

/** A model with its branched blocks, without its layers. */
export interface BranchedModel extends ModelSummary {
  branchedBlocks: BranchedBlock[];
}

/** One filter of a first conv layer as an image. */
export interface WeightImage {
  unit: number;
  key: string;
  /** Path of the PNG on the API's origin: `/artifacts/<key>.png`. */
  url: string;
  height: number;
  width: number;
  channels: number;
  /** Which channels the PNG shows, and how: `0-2 of 3`, `0-2 of 4` (the 4th not drawn), `0 of 1, grey`, ... */
  channelsShown: string;
  /** 0 for a grey filter, towards 1 for a colourful one (measured on the channels shown). */
  colorIndex: number;
  /** Dominant spatial frequency, cycles per pixel. */
  frequency: number;
  /** Degrees in [0, 180). */
  orientation: number;
}

export interface ImageDescriptor {
  colorIndex: number;
  frequency: number;
  orientation: number;
}

/** The unit's objective before the first and last steps, and its maximum. */
export interface ObjectiveTrace {
  first: number;
  last: number;
  max: number;
}

/** One unit's feature visualization. */
export interface FeatureImage {
  unit: number;
  layer: string;
  key: string;
  /** Path of the PNG on the API's origin: `/artifacts/<key>.png`. */
  url: string;
  backend: string;
  steps: number;
  size: number;
  seed: number;
  trace: ObjectiveTrace;
  /** Measured on the rendered image. */
  descriptor: ImageDescriptor;
  /** The job that rendered it, when one did. */
  jobId: string | null;
  computedAt: string;
}
