import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { receptiveBox, receptiveField, type PixelBox, type ReceptiveField } from '@branchscope/core';
import {
  DATASET_BATCH_IMAGES,
  DATASET_CHUNK_IMAGES,
  DATASET_CROP_ARTIFACT,
  DATASET_EXAMPLES_PARTIAL,
  DATASET_EXAMPLES_RESULT,
  EXAMPLES_PER_LIST,
  createLogger,
  datasetCropKey,
  datasetExamplesKey,
  datasetExamplesPartialKey,
  type DatasetCropMeta,
  type DatasetExamplesInput,
  type DatasetExamplesValue,
  type JobData,
  type JobHandler,
} from '@branchscope/jobs';
import { currentBackend } from '@branchscope/runtime';
import { encodePng, openLayerForward, type ForwardEngine } from '@branchscope/featurevis';
import { openImageFolder, type ImageDataset } from '@branchscope/training';
import { modelDigest, type ModelRecord, type ResultKey } from '@branchscope/store';
import { loadModelWeights } from '../load-model-weights';
import { emptyUnitExamples, offerImage } from './example-lists';

export interface DatasetExamplesDeps {
  data: JobData;
  /** `auto` (onnxruntime where it loads, else TF.js) unless `BRANCHSCOPE_EXAMPLES_ENGINE` says `ort` or `tfjs`. */
  forwardEngine?: ForwardEngine;
  /**
   * Images between stored partial results (a whole number of {@link DATASET_BATCH_IMAGES}-image batches): a run
   * killed or cancelled resumes after the last one. {@link DATASET_CHUNK_IMAGES} unless `BRANCHSCOPE_EXAMPLES_CHUNK` says.
   */
  chunkImages?: number;
  /** Where the engine fallback and a resume are told; the worker's logger (info) by default. */
  log?: (message: string) => void;
}

/** Images per stored chunk from `BRANCHSCOPE_EXAMPLES_CHUNK`, {@link DATASET_CHUNK_IMAGES} when unset; an error names a value that is not a positive multiple of the batch. */
export function examplesChunk(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.BRANCHSCOPE_EXAMPLES_CHUNK;
  return value === undefined || value === '' ? DATASET_CHUNK_IMAGES : checkedChunk(Number(value), `BRANCHSCOPE_EXAMPLES_CHUNK`, value);
}

function checkedChunk(images: number, what: string, shown: string | number = images): number {
  if (Number.isInteger(images) && images > 0 && images % DATASET_BATCH_IMAGES === 0) return images;
  throw new Error(`${what} must be a positive multiple of ${DATASET_BATCH_IMAGES} images (the batch), got '${shown}'`);
}

/** The forward engine from `BRANCHSCOPE_EXAMPLES_ENGINE`, `auto` when unset; an error names a value it is not. */
export function examplesEngine(env: NodeJS.ProcessEnv = process.env): ForwardEngine {
  const value = env.BRANCHSCOPE_EXAMPLES_ENGINE ?? 'auto';
  if (value === 'auto' || value === 'ort' || value === 'tfjs') return value;
  throw new Error(`BRANCHSCOPE_EXAMPLES_ENGINE must be auto, ort or tfjs, got '${value}'`);
}

/** Share of the progress bar the forward passes take; cutting and storing the crops takes the rest. */
const FORWARD_SHARE = 0.9;

/** The square model input side, or an error naming the model when it does not take square RGB images. */
function inputSide(model: ModelRecord): number {
  const [channels, height, width] = model.graph.inputShape;
  if (channels !== 3) throw new Error(`model '${model.id}' takes ${channels}-channel input; dataset examples run RGB images (3 channels)`);
  if (height !== width) throw new Error(`model '${model.id}' takes ${height}x${width} input; dataset examples run square images`);
  return height;
}

function layerField(model: ModelRecord, layer: string): ReceptiveField {
  try {
    return receptiveField(model.graph, layer);
  } catch (error) {
    throw new Error(`dataset examples of model '${model.id}': ${(error as Error).message}`);
  }
}

/** sha256 (hex) of a file's bytes. */
async function fileSha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** The pixels of `box` in the model-sized image the forward pass saw (the image's centre crop), as an HWC image in [0, 1]. */
function cropOf(dataset: ImageDataset, index: number, size: number, box: PixelBox) {
  const image = dataset.images[index]!;
  const dy = (image.height - size) >> 1;
  const dx = (image.width - size) >> 1;
  const height = box.y1 - box.y0;
  const width = box.x1 - box.x0;
  const data = new Float32Array(height * width * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = ((dy + box.y0 + y) * image.width + dx + box.x0 + x) * 3;
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = image.data[from + c]! / 255;
    }
  }
  return { data, height, width, channels: 3 };
}

/**
 * The `dataset-examples` handler: runs a dataset's images (class folders of JPEG or PNG, each resized so its shorter
 * side is the model's input side and centre-cropped) through the model up to the layer (onnxruntime on every core
 * where it loads, the TF.js executor otherwise) in batches of
 * {@link DATASET_BATCH_IMAGES}, keeps each unit's highest and lowest {@link EXAMPLES_PER_LIST} images by mean and
 * by max, stores the running lists after each chunk of images ({@link DatasetExamplesDeps.chunkImages}; a run taken
 * over resumes after the last stored chunk, running only the images after it), then cuts each listed image's
 * receptive field around the max as a PNG keyed by the file's sha256 and stores the lists. Stops between batches
 * when cancelled.
 */
export function datasetExamplesHandler(deps: DatasetExamplesDeps): JobHandler<DatasetExamplesInput> {
  const chunkImages = deps.chunkImages === undefined ? examplesChunk() : checkedChunk(deps.chunkImages, 'chunkImages');
  const log = deps.log ?? ((message: string) => createLogger().info(message));
  return async ({ input, job, reportProgress, keepStored, signal }) => {
    const { reads, writes } = deps.data;
    const model = await reads.requireModel(input.modelId);
    const digest = modelDigest(model);
    const resultKey = datasetExamplesKey(digest, input.datasetId, input.layer);
    if ((await reads.resultValue(resultKey)) !== undefined) return { resultKey };
    const size = inputSide(model);
    const field = layerField(model, input.layer);
    const dataset = await openImageFolder(input.datasetPath, { cropSize: size, resize: size, onSkip: () => {} });
    const total = dataset.size;
    const chunks = Math.ceil(total / chunkImages);
    const fileOf = (index: number) => path.relative(input.datasetPath, dataset.images[index]!.file);

    // Resume after the last chunk a previous run stored.
    let value: DatasetExamplesValue | undefined;
    for (let chunk = chunks - 1; chunk >= 0 && !value; chunk--) {
      value = await reads.resultValue<DatasetExamplesValue>(datasetExamplesPartialKey(digest, input.datasetId, input.layer, chunk));
    }
    if (value) log(`dataset-examples job ${job.id}: resuming after ${value.images} of ${total} images, stored by an earlier run`);
    const forward = await openLayerForward(model.graph, await loadModelWeights(reads, model), input.layer, {
      engine: deps.forwardEngine ?? examplesEngine(),
      backend: currentBackend() ?? 'none',
      onFallback: (reason) => log(`dataset-examples job ${job.id}: onnxruntime not used (${reason}); running TF.js`),
    });
    const engine = forward.engine;
    try {
      let done = value?.images ?? 0;
      let units = value?.units;
      const batches = dataset.batches({ seed: 0, epoch: 0, batchSize: DATASET_BATCH_IMAGES, shuffle: false, augment: false });
      for (const batch of batches) {
        if (batch.indices[0]! < done) continue;
        if (signal?.aborted) throw new Error(`dataset-examples job ${job.id} cancelled after ${done} of ${total} images`);
        const stats = await forward.run(batch.images, batch.count, size);
        units ??= emptyUnitExamples(stats.channels);
        for (let i = 0; i < batch.count; i++) {
          const image = batch.indices[i]!;
          for (let unit = 0; unit < stats.channels; unit++) {
            const at = i * stats.channels + unit;
            const position = stats.argmax[at]!;
            const y = Math.floor(position / stats.width);
            const x = position % stats.width;
            const example = { image, file: fileOf(image), value: stats.max[at]!, y, x, box: receptiveBox(field, y, x, size, size), cropKey: '' };
            offerImage(units[unit]!, example, stats.mean[at]!, EXAMPLES_PER_LIST);
          }
        }
        done += batch.count;
        if (done % chunkImages === 0 || done === total) {
          const chunk = Math.ceil(done / chunkImages) - 1;
          const partial: DatasetExamplesValue = { modelId: model.id, datasetId: input.datasetId, layer: input.layer, images: done, imageSize: size, field, units, engine };
          const key = datasetExamplesPartialKey(digest, input.datasetId, input.layer, chunk);
          await writes.putResult({ key, kind: DATASET_EXAMPLES_PARTIAL, modelId: model.id, params: { datasetId: input.datasetId, layer: input.layer, chunk }, value: partial, jobId: job.id });
          await keepStored?.();
        }
        await reportProgress((FORWARD_SHARE * done) / total);
      }
      if (!units) throw new Error(`dataset '${input.datasetId}' at ${input.datasetPath} has no readable images`);

      // Cut each listed image's receptive field once, however many lists it is in.
      const lists = units.flatMap((unit) => [unit.mean.top, unit.mean.bottom, unit.max.top, unit.max.bottom]);
      const examples = lists.flat();
      const digests = new Map<number, string>();
      for (const image of new Set(examples.map((e) => e.image))) digests.set(image, await fileSha256(dataset.images[image]!.file));
      for (const example of examples) example.cropKey = datasetCropKey(input.datasetId, example.file, digests.get(example.image)!, size, example.box);
      const stored = await reads.storedArtifacts([...new Set(examples.map((e) => e.cropKey))]);
      let cut = 0;
      for (const example of examples) {
        if (stored.has(example.cropKey)) continue;
        if (signal?.aborted) throw new Error(`dataset-examples job ${job.id} cancelled while storing crops`);
        const crop = cropOf(dataset, example.image, size, example.box);
        const meta: DatasetCropMeta = { datasetId: input.datasetId, file: example.file, fileSha256: digests.get(example.image)!, box: example.box, height: crop.height, width: crop.width };
        await writes.putArtifact({ key: example.cropKey as ResultKey, kind: DATASET_CROP_ARTIFACT, modelId: model.id, mediaType: 'image/png', bytes: encodePng(crop), meta, jobId: job.id });
        stored.add(example.cropKey);
        if (++cut % 64 === 0) await reportProgress(FORWARD_SHARE + ((1 - FORWARD_SHARE) * cut) / examples.length);
      }
      const result: DatasetExamplesValue = { modelId: model.id, datasetId: input.datasetId, layer: input.layer, images: done, imageSize: size, field, units, engine };
      await writes.putResult({ key: resultKey, kind: DATASET_EXAMPLES_RESULT, modelId: model.id, params: { datasetId: input.datasetId, layer: input.layer }, value: result, jobId: job.id });
      return { resultKey };
    } finally {
      await forward.dispose();
    }
  };
}
