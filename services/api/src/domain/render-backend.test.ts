import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { modelId, smallAlexnetGraph } from '@branchscope/core';
import { createInProcessQueue, featureImageKey, type JobQueue, type WorkerAnnouncement } from '@branchscope/jobs';
import { getJob, getModel, insertModelsIfAbsent, modelDigest, openStore, putArtifact, type Store } from '@branchscope/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiDeps } from './api-deps';
import { getFeatureImages } from './feature-images';
import { createModelCatalog } from './model-catalog';
import { defaultRenderBackend, liveRenderBackend } from './render-backend';

const announced = (name: string, capabilities: string[]): WorkerAnnouncement => ({ name, backend: 'x', lanes: ['render'], capabilities, seenAt: new Date().toISOString() });

describe('the default render backend', () => {
  it('is the fastest backend live workers render on, whatever order they announced in; null when none renders', async () => {
    const live = (workers: WorkerAnnouncement[]) => liveRenderBackend(async () => workers)();
    expect(await live([announced('a:1', ['render:cpu', 'svd-factors']), announced('b:2', ['render:ort+wasm']), announced('c:3', ['render:wasm'])])).toBe('ort+wasm');
    expect(await live([announced('a:1', ['render:wasm']), announced('b:2', ['render:cpu'])])).toBe('wasm');
    expect(await live([announced('a:1', ['svd-factors', 'import-model'])])).toBeNull();
    expect(await liveRenderBackend(async () => Promise.reject(new Error('Redis is reconnecting')))()).toBeNull();
    expect(await defaultRenderBackend({ workerBackend: 'ort+cpu' })).toBe('ort+cpu');
    expect(await defaultRenderBackend({ workerBackend: null, renderBackend: async () => 'wasm' })).toBe('wasm');
  });
});

describe('featureImages without a backend', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  const depsWith = (renderBackend: () => Promise<string | null>): ApiDeps => ({
    store,
    queue,
    catalog: createModelCatalog(store),
    workerBackend: null,
    renderBackend,
    maxUploadBytes: 1,
    uploadDir: dir,
    catalogue: [],
  });
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-render-backend-'));
    store = openStore(path.join(dir, 'branchscope.db'));
    // No handler: jobs stay QUEUED, as with no live worker.
    queue = createInProcessQueue({ store });
    await insertModelsIfAbsent(store, [{ id: modelId('small'), name: 'small', family: 'alexnet', graph: smallAlexnetGraph({ branches: 2 }), weights: { kind: 'seeded', seed: 1 } }]);
  });
  afterEach(async () => {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the images stored under the live workers’ backend, and queues the missing units pinned to it', async () => {
    const model = (await getModel(store, 'small'))!;
    const key = featureImageKey({ modelDigest: modelDigest(model), layer: 'conv2', unit: 3, steps: 4, size: 32, seed: 0, backend: 'wasm', channels: 3 });
    const meta = { trace: [0, 1], descriptor: { colorIndex: 0.5, frequency: 0.1, orientation: 0 }, channels: 3 };
    await putArtifact(store, { key, kind: 'feature-image', modelId: model.id, mediaType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71]), meta, jobId: null });
    const answer = await getFeatureImages(depsWith(async () => 'wasm'), { modelId: 'small', layer: 'conv2', units: [3, 4], steps: 4, size: 32 });
    expect(answer.stored.map((image) => [image.unit, image.key, image.backend])).toEqual([[3, key, 'wasm']]);
    expect((await getJob(store, answer.job!.id))?.input).toMatchObject({ units: [4], backend: 'wasm' });
  });

  it('queues the render pinned to no backend when no worker renders, for the first render worker to come', async () => {
    const answer = await getFeatureImages(depsWith(async () => null), { modelId: 'small', layer: 'conv2', units: [1, 0], steps: 4, size: 32 });
    expect(answer).toMatchObject({ result: null, stored: [], job: { status: 'QUEUED' } });
    expect((await getJob(store, answer.job!.id))?.input).toMatchObject({ units: [0, 1], backend: null });
  });
});
