import { channelsShown } from '@branchscope/core';
import { contentKey, type ResultKey } from '@branchscope/store';

/**
 * The `render-features` job: feature visualizations of several units of one layer, rendered in batches of
 * {@link RENDER_BATCH_UNITS} (one image per unit, per-image objectives summed, one transform draw per step
 * shared), each unit's PNG stored as its own artifact under {@link featureImageKey}. Units already stored are
 * skipped, so nothing is rendered twice, and a job run again resumes where its last run stopped.
 */
export const RENDER_FEATURES_JOB = 'render-features';

/** Artifact kind of one rendered unit. */
export const FEATURE_IMAGE_ARTIFACT = 'feature-image';

/**
 * Bumped when the render changes what it draws, so older artifacts are no longer served for new requests. 2: the
 * onnxruntime engine computes the Fourier parameterization in onnxruntime (the same images to float32 rounding, not
 * the same bytes), so a key keeps naming one set of bytes.
 */
export const FEATURE_RENDER_VERSION = 2;

export const RENDER_DEFAULTS = Object.freeze({ steps: 128, size: 128, seed: 0 });

export const RENDER_LIMITS = Object.freeze({ maxUnits: 64, maxSize: 512, minSize: 16, maxSteps: 2048 });

/**
 * Units a worker renders in one batch before storing their PNGs and keeping them (`keepStored`): a job taken over
 * after its worker died or stopped resumes after the last whole batch. Images do not depend on their batch.
 */
export const RENDER_BATCH_UNITS = 8;

export interface RenderFeaturesInput {
  modelId: string;
  layer: string;
  /** Distinct units, ascending. */
  units: number[];
  steps: number;
  /** Rendered image height and width in pixels. */
  size: number;
  seed: number;
  /**
   * The backend the images must come from (`renderBackendLabel`: `ort+wasm`, `cpu`, ...): part of every image's key,
   * and the job goes only to a worker that renders on it. Null: any render worker, whose own backend keys the images.
   */
  backend: string | null;
}

/** What identifies one rendered unit. */
export interface FeatureImageParams {
  /** `modelDigest(model)`: the graph and weights, not the id. */
  modelDigest: string;
  layer: string;
  unit: number;
  steps: number;
  size: number;
  seed: number;
  backend: string;
  /**
   * The model's input channels, the rendered image's. Hashed only when the image is not drawn as it is (not 1 or 3
   * channels: see core's `channelsShown`), so those images drawn before with a channel as alpha are not served.
   */
  channels: number;
}

/** Descriptors of a neuron, from its filter or its feature image. */
export interface StoredDescriptor {
  colorIndex: number;
  /** Cycles per pixel. */
  frequency: number;
  /** Degrees in [0, 180). */
  orientation: number;
}

/** Metadata stored with each feature-image artifact. */
export interface FeatureImageMeta extends FeatureImageParams {
  modelId: string;
  renderVersion: number;
  height: number;
  width: number;
  /**
   * Which channels the PNG shows, and how (core's `channelsShown`, e.g. `0-2 of 4`); the colour index is measured
   * on those. Absent from images stored before it was recorded, all of 1 or 3 channels.
   */
  channelsShown?: string;
  /** This unit's objective (mean activation of its channel) before each step's update. */
  trace: number[];
  descriptor: StoredDescriptor;
  /** The units rendered in the same batch (the image does not depend on them; kept for provenance). */
  batchUnits: number[];
}

/** The content key of one unit's feature image. */
export function featureImageKey(params: FeatureImageParams): ResultKey {
  const { modelDigest, channels, ...rest } = params;
  const drawn = channels === 1 || channels === 3 ? {} : { shown: channelsShown(channels) };
  return contentKey(FEATURE_IMAGE_ARTIFACT, modelDigest, { ...rest, renderVersion: FEATURE_RENDER_VERSION, ...drawn });
}

/** The dedupe key of a render job: identical requests (same model digest, layer, units and parameters) share one job. */
export function renderFeaturesDedupeKey(modelDigest: string, input: RenderFeaturesInput): ResultKey {
  const { modelId: _id, ...rest } = input;
  return contentKey(RENDER_FEATURES_JOB, modelDigest, { ...rest, renderVersion: FEATURE_RENDER_VERSION });
}
