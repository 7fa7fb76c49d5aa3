import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelId, type Graph } from '@branchscope/core';
import {
  createInProcessQueue,
  DATASET_EXAMPLES_JOB,
  DATASET_BATCH_IMAGES,
  datasetExamplesKey,
  datasetExamplesPartialKey,
  type DatasetExamplesInput,
  type DatasetExamplesValue,
  type JobQueue,
  storeJobData,
} from '@branchscope/jobs';
import { encodePng } from '@branchscope/featurevis';
import { initBackend, serializeWeights, type WeightSource } from '@branchscope/runtime';
import { findArtifacts, getArtifact, getModel, getResult, insertJob, insertModelsIfAbsent, modelDigest, openStore, putArtifact, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHandlers } from '../register-handlers';
import { datasetExamplesHandler, examplesChunk } from './dataset-examples-handler';

const SIZE = 24;
const K = 5;

/** One conv (valid padding: no edge at the image border) of two planted units: 0 answers red against green and blue, 1 a vertical edge (dark left, light right). */
const graph: Graph = {
  name: 'planted',
  inputShape: [3, SIZE, SIZE],
  inputRange: [0, 1],
  nodes: [
    { name: 'input', op: 'input', inputs: [], channels: 3 },
    { name: 'planted', op: 'conv', inputs: ['input'], channels: 2, conv: { kernel: [K, K], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], group: 1, bias: false } },
    { name: 'planted_relu', op: 'relu', inputs: ['planted'], channels: 2 },
  ],
  output: 'planted_relu',
};

function plantedWeights(): WeightSource {
  const data = new Float32Array(2 * 3 * K * K);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < K; y++) {
      for (let x = 0; x < K; x++) {
        data[((0 * 3 + c) * K + y) * K + x] = (c === 0 ? 1 : -1) / (K * K);
        data[((1 * 3 + c) * K + y) * K + x] = Math.sign(x - (K - 1) / 2) / (K * K);
      }
    }
  }
  const missing = (what: string) => () => {
    throw new Error(`planted model has no ${what}`);
  };
  return {
    conv: () => ({ shape: [2, 3, K, K], group: 1, data }),
    convBias: () => new Float32Array(2),
    dense: missing('dense layer'),
    denseBias: missing('dense layer'),
    batchnorm: missing('batch norm'),
  };
}

/** A store at `file` holding the planted model and its weights. */
async function plantedStore(file: string): Promise<Store> {
  const store = openStore(file);
  const weightsKey = 'a'.repeat(64);
  await insertModelsIfAbsent(store, [{ id: modelId('planted'), name: 'planted', family: 'imported', graph, weights: { kind: 'stored', key: weightsKey } }]);
  await putArtifact(store, { key: weightsKey as never, kind: 'weights', modelId: modelId('planted'), mediaType: 'application/octet-stream', bytes: serializeWeights(graph, plantedWeights()), meta: {}, jobId: null });
  return store;
}

/** A queued job row for a handler run called directly (results and artifacts name the job that made them). */
const jobRow = async (store: Store, input: DatasetExamplesInput) => (await insertJob(store, { kind: DATASET_EXAMPLES_JOB, input })).job;

/** Every example of every list of every unit, in a fixed order. */
const allExamples = (value: DatasetExamplesValue) => value.units.flatMap((u) => [u.mean, u.max].flatMap((l) => [...l.top, ...l.bottom]));

/** Class folders of SIZE x SIZE PNGs: reds, blues, greys, vertical stripes and horizontal stripes, 10 of each. */
function writeImages(dir: string): void {
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 0.1;
  const classes: Record<string, (y: number, x: number, c: number, i: number) => number> = {
    red: (_y, _x, c, i) => (c === 0 ? 0.6 + 0.03 * i : 0.1) + noise(),
    blue: (_y, _x, c, i) => (c === 2 ? 0.6 + 0.03 * i : 0.1) + noise(),
    grey: (_y, _x, _c, i) => 0.2 + 0.05 * i + noise(),
    vertical: (_y, x, _c, i) => (Math.floor((x + i) / 4) % 2 ? 0.85 : 0.15) + noise(),
    horizontal: (y, _x, _c, i) => (Math.floor((y + i) / 4) % 2 ? 0.85 : 0.15) + noise(),
  };
  for (const [name, pixel] of Object.entries(classes)) {
    mkdirSync(join(dir, name));
    for (let i = 0; i < 10; i++) {
      const data = new Float32Array(SIZE * SIZE * 3);
      for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) for (let c = 0; c < 3; c++) data[(y * SIZE + x) * 3 + c] = pixel(y, x, c, i);
      writeFileSync(join(dir, name, `${i}.png`), encodePng({ data, height: SIZE, width: SIZE, channels: 3 }));
    }
  }
}

describe('dataset-examples handler', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  let digest: string;
  let images: string;

  beforeAll(async () => {
    await initBackend(['cpu'], { log: () => {}, env: {} });
    dir = mkdtempSync(join(tmpdir(), 'branchscope-examples-'));
    images = join(dir, 'images');
    mkdirSync(images);
    writeImages(images);
    store = await plantedStore(join(dir, 'store.db'));
    digest = modelDigest((await getModel(store, 'planted'))!);
    queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
    registerHandlers(queue, { data: storeJobData(store), backend: 'cpu' });
  });
  afterAll(async () => {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts red images on top of the red unit and vertical stripes on top of the vertical-edge unit', async () => {
    const job = await queue.waitFor((await queue.enqueue(DATASET_EXAMPLES_JOB, { modelId: 'planted', datasetId: 'tiny', datasetPath: images, layer: 'planted_relu' })).id);
    expect(job.error).toBeNull();
    expect(job.status).toBe('SUCCEEDED');
    const { value } = (await getResult<DatasetExamplesValue>(store, datasetExamplesKey(digest, 'tiny', 'planted_relu')))!;
    expect(value.images).toBe(50);
    expect(value.field).toEqual({ jump: [1, 1], size: [5, 5], offset: [0, 0] });
    const folders = (list: { file: string }[]) => list.map((e) => e.file.split('/')[0]);
    const [red, vertical] = value.units;
    expect(folders(red!.mean.top)).toEqual(Array(9).fill('red'));
    expect(folders(red!.max.top)).toEqual(Array(9).fill('red'));
    expect(folders(vertical!.mean.top)).toEqual(Array(9).fill('vertical'));
    expect(folders(vertical!.max.top)).toEqual(Array(9).fill('vertical'));
    // Brightest red first; the lowest lists hold no red image.
    expect(red!.mean.top[0]!.file).toBe('red/9.png');
    expect(folders(red!.mean.bottom)).not.toContain('red');
    for (const list of [red!.mean.top, vertical!.max.top]) for (let i = 1; i < list.length; i++) expect(list[i - 1]!.value).toBeGreaterThanOrEqual(list[i]!.value);

    // Each example's crop is its receptive field around the max: 5 x 5 inside the image, a PNG artifact.
    const example = vertical!.max.top[0]!;
    expect(example.box.y1 - example.box.y0).toBeLessThanOrEqual(5);
    const crop = await getArtifact(store, example.cropKey);
    expect(crop?.mediaType).toBe('image/png');
    const keys = value.units.flatMap((u) => [u.mean, u.max].flatMap((l) => [...l.top, ...l.bottom])).map((e) => e.cropKey);
    expect((await findArtifacts(store, keys)).size).toBe(new Set(keys).size);
    // The running lists were stored after the (only) chunk, for a run taken over to resume from.
    expect((await getResult<DatasetExamplesValue>(store, datasetExamplesPartialKey(digest, 'tiny', 'planted_relu', 0)))?.value.images).toBe(50);
  });

  it('lists the same images with the TF.js executor as with onnxruntime', async () => {
    const saved = process.env.BRANCHSCOPE_EXAMPLES_ENGINE;
    process.env.BRANCHSCOPE_EXAMPLES_ENGINE = 'tfjs';
    try {
      const job = await queue.waitFor((await queue.enqueue(DATASET_EXAMPLES_JOB, { modelId: 'planted', datasetId: 'tiny-tfjs', datasetPath: images, layer: 'planted_relu' })).id);
      expect(job.status).toBe('SUCCEEDED');
    } finally {
      if (saved === undefined) delete process.env.BRANCHSCOPE_EXAMPLES_ENGINE;
      else process.env.BRANCHSCOPE_EXAMPLES_ENGINE = saved;
    }
    const [tfjs, auto] = await Promise.all(['tiny-tfjs', 'tiny'].map(async (id) => (await getResult<DatasetExamplesValue>(store, datasetExamplesKey(digest, id, 'planted_relu')))!.value));
    expect(tfjs!.engine).toBe('tfjs-cpu');
    expect(auto!.engine).toBe('ort-cpu');
    const files = (value: DatasetExamplesValue) => value.units.map((u) => [u.mean.top, u.max.top].map((list) => list.map((e) => e.file)));
    expect(files(tfjs!)).toEqual(files(auto!));
  });

  it('resumes after a run stopped at its first stored chunk, running only the images after it, to the same lists', async () => {
    const chunkImages = DATASET_BATCH_IMAGES;
    const logs: string[] = [];
    const handler = datasetExamplesHandler({ data: storeJobData(store), chunkImages, log: (message) => logs.push(message) });
    const input = { modelId: 'planted', datasetId: 'resumed', datasetPath: images, layer: 'planted_relu' };
    // The first run is stopped the moment its first chunk is stored (the abort is seen before the next batch).
    const stop = new AbortController();
    let stored = 0;
    const job1 = await jobRow(store, input);
    const first = handler({ input, job: job1, reportProgress: async () => {}, keepStored: async () => void (++stored === 1 && stop.abort()), signal: stop.signal });
    await expect(first).rejects.toThrow(`dataset-examples job ${job1.id} cancelled after ${chunkImages} of 50 images`);
    expect((await getResult<DatasetExamplesValue>(store, datasetExamplesPartialKey(digest, 'resumed', 'planted_relu', 0)))?.value.images).toBe(chunkImages);
    expect(await getResult(store, datasetExamplesPartialKey(digest, 'resumed', 'planted_relu', 1))).toBeUndefined();
    expect(await getResult(store, datasetExamplesKey(digest, 'resumed', 'planted_relu'))).toBeUndefined();

    // The second run: each forward-pass progress report (0.9 of the bar times images done / 50) counts its images.
    const progress: number[] = [];
    await handler({ input, job: await jobRow(store, input), reportProgress: async (p) => void progress.push(p) });
    const done = progress.filter((p) => p <= 0.9 + 1e-9).map((p) => Math.round((p / 0.9) * 50));
    expect(done).toEqual([32, 48, 50]);
    expect(done.at(-1)! - chunkImages).toBe(34);
    expect(logs.filter((line) => line.includes('resuming'))).toEqual([expect.stringMatching(/: resuming after 16 of 50 images, stored by an earlier run$/)]);

    // The same lists (files, values, positions and boxes) as the run of 'tiny' that was never stopped.
    const [resumed, whole] = await Promise.all(['resumed', 'tiny'].map(async (id) => (await getResult<DatasetExamplesValue>(store, datasetExamplesKey(digest, id, 'planted_relu')))!.value));
    const withoutCrops = (value: DatasetExamplesValue) => allExamples(value).map(({ cropKey: _, ...example }) => example);
    expect(withoutCrops(resumed!)).toEqual(withoutCrops(whole!));
    expect(resumed!.images).toBe(50);
    expect(allExamples(resumed!).every((e) => e.cropKey !== '')).toBe(true);
  });

  it('keys crops by the image file’s bytes: a file changed under the same name gets a new crop', async () => {
    const folder = join(dir, 'changing');
    cpSync(images, folder, { recursive: true });
    const input = { modelId: 'planted', datasetId: 'changing', datasetPath: folder, layer: 'planted_relu' };
    const cropsOf = async (file: string) => {
      const other = await plantedStore(file);
      try {
        await datasetExamplesHandler({ data: storeJobData(other) })({ input, job: await jobRow(other, input), reportProgress: async () => {} });
        const { value } = (await getResult<DatasetExamplesValue>(other, datasetExamplesKey(digest, 'changing', 'planted_relu')))!;
        const brightestRed = value.units[0]!.mean.top[0]!;
        const meta = (await getArtifact(other, brightestRed.cropKey))!.meta as { fileSha256: string };
        return { brightestRed, meta, keys: new Map(allExamples(value).map((e) => [`${e.file} ${JSON.stringify(e.box)}`, e.cropKey])) };
      } finally {
        await other.close();
      }
    };
    const before = await cropsOf(join(dir, 'before.db'));
    expect(before.brightestRed.file).toBe('red/9.png');
    const sha256 = (file: string) => createHash('sha256').update(readFileSync(join(folder, file))).digest('hex');
    expect(before.meta.fileSha256).toBe(sha256('red/9.png'));
    // The same name, other bytes: a still brighter red.
    const data = new Float32Array(SIZE * SIZE * 3).map((_, i) => (i % 3 === 0 ? 0.99 : 0.05));
    writeFileSync(join(folder, 'red', '9.png'), encodePng({ data, height: SIZE, width: SIZE, channels: 3 }));
    const after = await cropsOf(join(dir, 'after.db'));
    expect(after.brightestRed.file).toBe('red/9.png');
    expect(after.meta.fileSha256).toBe(sha256('red/9.png'));
    expect(after.brightestRed.cropKey).not.toBe(before.brightestRed.cropKey);
    // Crops of unchanged files keep their keys.
    const unchanged = [...after.keys].filter(([at]) => !at.startsWith('red/9.png') && before.keys.has(at));
    expect(unchanged.length).toBeGreaterThan(10);
    for (const [at, key] of unchanged) expect(key).toBe(before.keys.get(at));
  });

  it('reads the chunk from BRANCHSCOPE_EXAMPLES_CHUNK, naming a value that is not a whole number of batches', () => {
    expect(examplesChunk({})).toBe(128);
    expect(examplesChunk({ BRANCHSCOPE_EXAMPLES_CHUNK: '32' })).toBe(32);
    expect(() => examplesChunk({ BRANCHSCOPE_EXAMPLES_CHUNK: '20' })).toThrow(`BRANCHSCOPE_EXAMPLES_CHUNK must be a positive multiple of ${DATASET_BATCH_IMAGES} images (the batch), got '20'`);
    expect(() => datasetExamplesHandler({ data: storeJobData(store), chunkImages: 0 })).toThrow(/chunkImages must be a positive multiple/);
  });

  it('stops between batches when cancelled, storing no result', async () => {
    const controller = new AbortController();
    controller.abort();
    const input = { modelId: 'planted', datasetId: 'cancelled', datasetPath: images, layer: 'planted_relu' };
    const handler = datasetExamplesHandler({ data: storeJobData(store) });
    const job = { id: 'job-x' } as never;
    await expect(handler({ input, job, reportProgress: async () => {}, signal: controller.signal })).rejects.toThrow('dataset-examples job job-x cancelled after 0 of 50 images');
    expect(await getResult(store, datasetExamplesKey(digest, 'cancelled', 'planted_relu'))).toBeUndefined();
  });

  it('fails naming a layer without positions or a folder without images', async () => {
    const missing = await queue.waitFor((await queue.enqueue(DATASET_EXAMPLES_JOB, { modelId: 'planted', datasetId: 'nowhere', datasetPath: join(dir, 'nowhere'), layer: 'planted' })).id);
    expect(missing.error).toMatch(/cannot read folder/);
    const layer = await queue.waitFor((await queue.enqueue(DATASET_EXAMPLES_JOB, { modelId: 'planted', datasetId: 'tiny', datasetPath: images, layer: 'nope' })).id);
    expect(layer.error).toMatch(/model 'planted' has no layer 'nope'/);
  });
});
