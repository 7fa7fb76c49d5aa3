import type { LabelSource } from './label-types';
import type { Branch, ImageDescriptor, JobState, WeightImage } from './types';

export type FeatureVisualizationStatus = 'READY' | 'PENDING' | 'FAILED' | 'NOT_RENDERED';

/** A unit's feature visualization: the PNG when READY, else the job rendering it (PENDING) or that failed (FAILED). */
export interface FeatureVisualization {
  status: FeatureVisualizationStatus;
  /** Path of the PNG on the API's origin when READY. */
  url: string | null;
  job: JobState | null;
  steps: number;
  size: number;
  seed: number;
  backend: string;
}

export interface NeuronDescriptor extends ImageDescriptor {
  source: 'WEIGHTS' | 'FEATURE_IMAGE';
  imageUrl: string;
}

export interface NeuronLabel {
  labelSetId: string;
  labelSetName: string;
  source: LabelSource;
  category: string;
  author: string;
  at: string;
}

/** What a grid cell shows of a unit. */
export interface NeuronCell {
  id: string;
  unit: number;
  block: string | null;
  branch: Pick<Branch, 'index' | 'name'> | null;
  featureVisualization: FeatureVisualization;
  labels: NeuronLabel[];
}

/** Everything the API knows about one unit, for its page. */
export interface NeuronDetail extends NeuronCell {
  modelId: string;
  layer: string;
  branch: Branch | null;
  descriptor: NeuronDescriptor | null;
  weightImage: WeightImage | null;
}
