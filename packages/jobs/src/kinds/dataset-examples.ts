import type { PixelBox, ReceptiveField } from '@branchscope/core';
import { contentKey, type ResultKey } from '@branchscope/store';

/**
 * The `dataset-examples` job: runs every image of a dataset through a model up to one layer, in batches, and keeps
 * per unit the {@link EXAMPLES_PER_LIST} images with the highest and the lowest activation, by the channel's mean
 * over positions and by its max, each with the crop of the image its max position sees (its receptive field) as a
 * PNG artifact. The running lists are stored after every chunk of images, so a job run again after a kill resumes
 * after the last whole chunk.
 */
export const DATASET_EXAMPLES_JOB = 'dataset-examples';

/** Result kind of the finished examples of one layer. */
export const DATASET_EXAMPLES_RESULT = 'dataset-examples';
/** Result kind of the running lists after a chunk. */
export const DATASET_EXAMPLES_PARTIAL = 'dataset-examples-partial';
/** Artifact kind of one example's crop. */
export const DATASET_CROP_ARTIFACT = 'dataset-crop';

/** Bumped when what the job computes changes, so older results are not served. */
export const DATASET_EXAMPLES_VERSION = 2;
export const EXAMPLES_PER_LIST = 9;
/** Images per forward pass. */
export const DATASET_BATCH_IMAGES = 16;
/** Images between stored partial results by default (a whole number of batches; the handler takes another). */
export const DATASET_CHUNK_IMAGES = 128;

export interface DatasetExamplesInput {
  modelId: string;
  datasetId: string;
  /** The dataset's folder on the worker's machine (class sub-folders of JPEG or PNG images). */
  datasetPath: string;
  layer: string;
}

/** One image of a unit's list. */
export interface DatasetExample {
  /** Index of the image in the dataset (files in code-point order of class folder, then file name). */
  image: number;
  /** The image's path relative to the dataset folder. */
  file: string;
  /** The activation: the channel's mean over positions, or its max. */
  value: number;
  /** The position of the channel's max in the layer's output (row, column). */
  y: number;
  x: number;
  /** The input pixels that position sees, in the model-sized image, clipped to it. */
  box: PixelBox;
  /** Content key of the crop's PNG; empty in partial results (crops are cut at the end). */
  cropKey: string;
}

export interface ExampleLists {
  top: DatasetExample[];
  bottom: DatasetExample[];
}

export interface UnitExamples {
  mean: ExampleLists;
  max: ExampleLists;
}

export interface DatasetExamplesValue {
  modelId: string;
  datasetId: string;
  layer: string;
  /** Images run through the model (all of them, in the finished result). */
  images: number;
  /** Side of the square, model-sized image the boxes are in. */
  imageSize: number;
  field: ReceptiveField;
  /** Indexed by unit. */
  units: UnitExamples[];
  /** Which engine ran the forward passes. */
  engine: string;
}

export const datasetExamplesKey = (modelDigest: string, datasetId: string, layer: string): ResultKey =>
  contentKey(DATASET_EXAMPLES_RESULT, modelDigest, { datasetId, layer, version: DATASET_EXAMPLES_VERSION });

export const datasetExamplesPartialKey = (modelDigest: string, datasetId: string, layer: string, chunk: number): ResultKey =>
  contentKey(DATASET_EXAMPLES_PARTIAL, modelDigest, { datasetId, layer, chunk, version: DATASET_EXAMPLES_VERSION });

/**
 * Crops are keyed by what they are cut from: the image file's bytes (their sha256, so a file changed under the same
 * name gets a new crop, never a stale one), its name and the box (the same crop is stored once).
 */
export const datasetCropKey = (datasetId: string, file: string, fileSha256: string, size: number, box: PixelBox): ResultKey =>
  contentKey(DATASET_CROP_ARTIFACT, datasetId, { file, fileSha256, size, box, version: DATASET_EXAMPLES_VERSION });

/** The same model digest, dataset and layer share one job. */
export const datasetExamplesDedupeKey = (modelDigest: string, datasetId: string, layer: string): ResultKey =>
  contentKey(DATASET_EXAMPLES_JOB, modelDigest, { datasetId, layer, version: DATASET_EXAMPLES_VERSION });

/** Metadata of a crop artifact. */
export interface DatasetCropMeta {
  datasetId: string;
  file: string;
  /** sha256 (hex) of the image file's bytes the crop was cut from. */
  fileSha256: string;
  box: PixelBox;
  height: number;
  width: number;
}
