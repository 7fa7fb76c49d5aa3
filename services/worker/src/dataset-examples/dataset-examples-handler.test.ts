import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelId, type Graph } from '@branchscope/core';
import {
  createInProcessQueue,
  DATASET_EXAMPLES_JOB,
  datasetExamplesKey,
  datasetExamplesPartialKey,
  type DatasetExamplesValue,
  type JobQueue,
  storeJobData,
} from '@branchscope/jobs';
import { encodePng } from '@branchscope/featurevis';
import { initBackend, serializeWeights, type WeightSource } from '@branchscope/runtime';
import { findArtifacts, getArtifact, getModel, getResult, insertModelsIfAbsent, modelDigest, openStore, putArtifact, putResult, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHandlers } from '../register-handlers';
import { datasetExamplesHandler } from './dataset-examples-handler';

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
    store = openStore(join(dir, 'store.db'));
    const weightsKey = 'a'.repeat(64);
    await insertModelsIfAbsent(store, [{ id: modelId('planted'), name: 'planted', family: 'imported', graph, weights: { kind: 'stored', key: weightsKey } }]);
    await putArtifact(store, { key: weightsKey as never, kind: 'weights', modelId: modelId('planted'), mediaType: 'application/octet-stream', bytes: serializeWeights(graph, plantedWeights()), meta: {}, jobId: null });
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

  it('resumes from the last stored chunk instead of running those images again', async () => {
    const stored = (await getResult<DatasetExamplesValue>(store, datasetExamplesPartialKey(digest, 'tiny', 'planted_relu', 0)))!.value;
    // A run killed after chunk 0 of dataset 'again' left these lists (marked, so a rerun of the images would show).
    const marked = structuredClone(stored);
    marked.datasetId = 'again';
    marked.units[0]!.mean.top[0]!.value = 999;
    const key = datasetExamplesPartialKey(digest, 'again', 'planted_relu', 0);
    await putResult(store, { key, kind: 'dataset-examples-partial', modelId: modelId('planted'), params: {}, value: marked, jobId: null });
    const job = await queue.waitFor((await queue.enqueue(DATASET_EXAMPLES_JOB, { modelId: 'planted', datasetId: 'again', datasetPath: images, layer: 'planted_relu' })).id);
    expect(job.status).toBe('SUCCEEDED');
    const { value } = (await getResult<DatasetExamplesValue>(store, datasetExamplesKey(digest, 'again', 'planted_relu')))!;
    expect(value.units[0]!.mean.top[0]!.value).toBe(999);
    expect(value.units[0]!.mean.top[0]!.cropKey).not.toBe('');
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
