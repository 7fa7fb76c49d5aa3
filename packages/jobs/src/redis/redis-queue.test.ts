import type { AnyJobKinds } from '../job-kinds';
import { alexnetGraph, modelId } from '@branchscope/core';
import {
  contentKey,
  getArtifact,
  getJob,
  getResult,
  insertJob,
  insertModelsIfAbsent,
  putArtifact,
} from '@branchscope/store';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../job-queue';
import { IMPORT_MODEL_JOB } from '../kinds/import-model';
import { RENDER_FEATURES_JOB } from '../kinds/render-features';
import { WEIGHT_IMAGES_JOB } from '../kinds/weight-images';
import { sampleImportInput, sampleRenderInput, sampleWeightImagesInput } from '../testing/sample-inputs';
import { createRedisQueue, type RedisJobQueue } from './redis-queue';
import { redisQueueTestbed } from './redis-queue.test-support';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createRedisQueue', () => {
  const bed = redisQueueTestbed('redis-queue', 2000);
  const { open } = bed;
  let api: RedisJobQueue<AnyJobKinds>;
  let worker: RedisJobQueue<AnyJobKinds>;
  beforeEach(async () => {
    api = open({ store: bed.store });
    worker = open({ workerName: 'gpu-7:1234' });
    await api.ready();
  });

  it('runs a job on a worker and records it as SUCCEEDED in the API store, naming the worker', async () => {
    const key = contentKey('echo', 'm', {});
    worker.process('echo', async ({ input }) => ({ resultKey: input.n === 1 ? key : undefined }));
    const job = await api.enqueue('echo', { n: 1 });
    expect(await api.waitFor(job.id, { timeoutMs: 10_000 })).toMatchObject({ status: 'SUCCEEDED', progress: 1, resultKey: key });
    expect(await getJob(bed.store, job.id)).toMatchObject({ status: 'SUCCEEDED', worker: 'gpu-7:1234' });
  });

  it('stores the results and artifacts a worker wrote as values, bytes intact', async () => {
    await insertModelsIfAbsent(bed.store, [{ id: modelId('alexnet'), name: 'AlexNet', family: 'alexnet', graph: alexnetGraph(), weights: { kind: 'seeded', seed: 1 } }]);
    const key = contentKey('sum', 'alexnet', { a: 1 });
    const artifactKey = contentKey('png', 'alexnet', { unit: 3 });
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256);
    worker.process('sum', async ({ input, job }) => {
      const model = await worker.jobData.reads.requireModel(input.modelId);
      await worker.jobData.writes.putResult({ key, kind: 'sum', modelId: model.id, params: {}, value: { layers: model.graph.nodes.length }, jobId: job.id });
      await worker.jobData.writes.putArtifact({ key: artifactKey, kind: 'png', modelId: model.id, mediaType: 'image/png', bytes, meta: { unit: 3 }, jobId: job.id });
      return { resultKey: key };
    });
    const job = await api.enqueue('sum', { modelId: 'alexnet' });
    expect((await api.waitFor(job.id, { timeoutMs: 10_000 })).status).toBe('SUCCEEDED');
    expect(await getResult(bed.store, key)).toMatchObject({ value: { layers: alexnetGraph().nodes.length }, jobId: job.id });
    const artifact = await getArtifact(bed.store, artifactKey);
    expect(artifact?.meta).toEqual({ unit: 3 });
    expect(Buffer.from(artifact!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it("gives a worker the model's stored weights blob from the API store", async () => {
    const weightsKey = contentKey('weights', 'tiny', {});
    const blob = Uint8Array.from({ length: 2 << 20 }, (_, i) => (i * 31) % 251);
    await insertModelsIfAbsent(bed.store, [{ id: modelId('tiny'), name: 'Tiny', family: 'imported', graph: alexnetGraph(), weights: { kind: 'stored', key: weightsKey } }]);
    await putArtifact(bed.store, { key: weightsKey, kind: 'weights', modelId: modelId('tiny'), mediaType: 'application/octet-stream', bytes: blob, meta: {}, jobId: null });
    let seen: Uint8Array | undefined;
    worker.process('read', async () => {
      const weights = await worker.jobData.reads.weightsBlob(weightsKey);
      seen = weights && 'bytes' in weights ? weights.bytes : undefined;
    });
    const job = await api.enqueue('read', { modelId: 'tiny' });
    expect((await api.waitFor(job.id, { timeoutMs: 10_000 })).status).toBe('SUCCEEDED');
    expect(seen && Buffer.from(seen).equals(Buffer.from(blob))).toBe(true);
  });

  it("fails a job whose model the API store lacks, naming the models it has", async () => {
    await insertModelsIfAbsent(bed.store, [{ id: modelId('alexnet'), name: 'AlexNet', family: 'alexnet', graph: alexnetGraph(), weights: { kind: 'seeded', seed: 1 } }]);
    worker.process('read', async ({ input }) => void (await worker.jobData.reads.requireModel(input.modelId)));
    const job = await api.enqueue('read', { modelId: 'gone' });
    expect(await api.waitFor(job.id, { timeoutMs: 10_000 })).toMatchObject({ status: 'FAILED', error: "model 'gone' is not in the store; known models: alexnet" });
  });

  it("sends an import's uploaded file to the worker, and removes the staged upload once the job ends", async () => {
    const staged = join(bed.dir, 'uploads', 'model.onnx');
    mkdirSync(join(bed.dir, 'uploads'));
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13) % 256);
    writeFileSync(staged, bytes);
    let seen: { path: string; bytes: Buffer } | undefined;
    worker.process(IMPORT_MODEL_JOB, async ({ input }) => {
      seen = { path: input.path, bytes: readFileSync(input.path) };
    });
    const job = await api.enqueue(IMPORT_MODEL_JOB, sampleImportInput({ modelId: 'm-1', format: 'onnx', path: staged, upload: true }));
    expect((await api.waitFor(job.id, { timeoutMs: 10_000 })).status).toBe('SUCCEEDED');
    expect(seen?.path).not.toBe(staged);
    expect(seen?.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(existsSync(staged)).toBe(false);
  });

  it("sends a TF.js folder's model.json and the shards it lists, keeping their relative paths", async () => {
    const folder = join(bed.dir, 'tfjs-model');
    mkdirSync(join(folder, 'shards'), { recursive: true });
    const manifest = JSON.stringify({ weightsManifest: [{ paths: ['shards/group1-shard1of1.bin'] }] });
    writeFileSync(join(folder, 'model.json'), manifest);
    writeFileSync(join(folder, 'shards', 'group1-shard1of1.bin'), Buffer.from([1, 2, 3, 4]));
    writeFileSync(join(folder, 'notes.txt'), 'not part of the model');
    let seen: string[] = [];
    worker.process(IMPORT_MODEL_JOB, async ({ input }) => {
      seen = [readFileSync(join(input.path, 'model.json'), 'utf8'), readFileSync(join(input.path, 'shards', 'group1-shard1of1.bin')).join(','), String(existsSync(join(input.path, 'notes.txt')))];
    });
    const job = await api.enqueue(IMPORT_MODEL_JOB, sampleImportInput({ modelId: 'm-2', format: 'tfjs', path: folder, upload: false }));
    expect((await api.waitFor(job.id, { timeoutMs: 10_000 })).status).toBe('SUCCEEDED');
    expect(seen).toEqual([manifest, '1,2,3,4', 'false']);
    expect(existsSync(join(folder, 'model.json'))).toBe(true);
  });

  it('gives concurrent requests with one dedupe key the same job and runs it once', async () => {
    const gate = deferred();
    let calls = 0;
    worker.process('slow', async () => {
      calls += 1;
      await gate.promise;
    });
    const jobs = await Promise.all([1, 2, 3].map(() => api.enqueue('slow', {}, { dedupeKey: 'same' })));
    gate.resolve();
    await api.waitFor(jobs[0]!.id, { timeoutMs: 10_000 });
    expect(new Set(jobs.map((job) => job.id)).size).toBe(1);
    expect(calls).toBe(1);
  });

  it('tells subscribers of the start, each progress report in order, and the end', async () => {
    const events: JobEvent[] = [];
    api.subscribe((event) => events.push(event));
    worker.process('steps', async ({ reportProgress }) => {
      for (const fraction of [0.25, 0.5, 0.75]) await reportProgress(fraction);
    });
    const job = await api.enqueue('steps', {});
    await api.waitFor(job.id, { timeoutMs: 10_000 });
    expect(events.map((event) => event.type)).toEqual(['queued', 'started', 'progress', 'progress', 'progress', 'finished']);
    expect(events.filter((event) => event.type === 'progress').map((event) => event.job.progress)).toEqual([0.25, 0.5, 0.75]);
    expect(events.at(-1)?.job).toMatchObject({ status: 'SUCCEEDED', progress: 1 });
  });

  it('runs a quick-lane job on a worker while its render-lane job is still blocked', async () => {
    const gate = deferred();
    const finished: string[] = [];
    api.subscribe((event) => event.type === 'finished' && finished.push(event.job.kind));
    worker.process(RENDER_FEATURES_JOB, () => gate.promise);
    worker.process(WEIGHT_IMAGES_JOB, async () => undefined);
    const render = await api.enqueue(RENDER_FEATURES_JOB, sampleRenderInput());
    try {
      // The worker's lanes start independently: the render is held only once its lane has taken it.
      await expect.poll(async () => (await getJob(bed.store, render.id))?.status, { timeout: 10_000 }).toBe('RUNNING');
      const quick = await api.enqueue(WEIGHT_IMAGES_JOB, sampleWeightImagesInput);
      expect(await api.waitFor(quick.id, { timeoutMs: 10_000 })).toMatchObject({ status: 'SUCCEEDED', worker: 'gpu-7:1234' });
      expect((await getJob(bed.store, render.id))?.status).toBe('RUNNING');
    } finally {
      gate.resolve();
    }
    expect((await api.waitFor(render.id, { timeoutMs: 10_000 })).status).toBe('SUCCEEDED');
    expect(finished).toEqual([WEIGHT_IMAGES_JOB, RENDER_FEATURES_JOB]);
  });

  it("cancels a job a worker runs: CANCELLED in the store at once, and the worker's handler sees its signal fire", async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let aborted!: () => void;
    const stopped = new Promise<void>((resolve) => (aborted = resolve));
    worker.process('spin', async ({ signal }) => {
      started();
      await new Promise<void>((resolve) => signal!.addEventListener('abort', () => resolve(), { once: true }));
      aborted();
      throw new Error('stopped');
    });
    const job = await api.enqueue('spin', {});
    await running;
    expect(await api.cancel(job.id)).toMatchObject({ status: 'CANCELLED', error: 'cancelled' });
    expect((await api.waitFor(job.id, { timeoutMs: 10_000 })).status).toBe('CANCELLED');
    await stopped;
    expect((await getJob(bed.store, job.id))?.status).toBe('CANCELLED');
  });

  it("stores a failing handler's message on the job and keeps running later jobs", async () => {
    worker.process('maybe', async ({ input }) => {
      if (input.fail) throw new Error('layer conv9 does not exist');
    });
    const bad = await api.enqueue('maybe', { fail: true });
    const good = await api.enqueue('maybe', { fail: false });
    expect(await api.waitFor(bad.id, { timeoutMs: 10_000 })).toMatchObject({ status: 'FAILED', error: 'layer conv9 does not exist' });
    expect((await api.waitFor(good.id, { timeoutMs: 10_000 })).status).toBe('SUCCEEDED');
  });

  it('fails a job whose kind the worker has no handler for, naming the kinds it runs', async () => {
    worker.process('known', async () => undefined);
    const job = await api.enqueue('unknown-kind', {});
    const done = await api.waitFor(job.id, { timeoutMs: 10_000 });
    expect(done.status).toBe('FAILED');
    expect(done.error).toMatch(/no handler for 'unknown-kind' jobs \(it runs known\)/);
  });

  it('rejects waiting for an unknown job, and a wait that times out', async () => {
    await expect(api.waitFor('no-such-job')).rejects.toThrow(/no job with id 'no-such-job'/);
    const job = await api.enqueue('nobody-runs-this', {});
    await expect(api.waitFor(job.id, { timeoutMs: 50 })).rejects.toThrow(`job ${job.id} did not finish within 50 ms`);
  });

  it('collects a job that finished while the API queue was closed when it opens again', async () => {
    const gate = deferred();
    worker.process('later', async () => {
      await gate.promise;
      return { resultKey: contentKey('later', 'm', {}) };
    });
    const job = await api.enqueue('later', {});
    await api.close();
    gate.resolve();
    const reopened = open({ store: bed.store });
    await reopened.ready();
    const done = await reopened.waitFor(job.id, { timeoutMs: 10_000 });
    expect(done).toMatchObject({ status: 'SUCCEEDED', resultKey: contentKey('later', 'm', {}) });
  });

  it('fails a job whose input arrives over Redis not fitting its kind, naming the kind and the field, before the handler runs', async () => {
    let ran = 0;
    worker.process(WEIGHT_IMAGES_JOB, async () => void (ran += 1));
    await api.close();
    // Recorded around the types (an older API, a hand-edited row); the reopened API queues it into Redis as it is.
    const { job } = await insertJob(bed.store, { kind: WEIGHT_IMAGES_JOB, input: { modelId: 'alexnet', layer: 1 } });
    const reopened = open({ store: bed.store });
    await reopened.ready();
    const done = await reopened.waitFor(job.id, { timeoutMs: 10_000 });
    expect(done).toMatchObject({ status: 'FAILED', error: `a 'weight-images' job's input field 'layer' must be a string, got 1` });
    expect(ran).toBe(0);
  });

  it('refuses to enqueue on a worker-only queue, saying the API enqueues', async () => {
    await expect(worker.enqueue('echo', {})).rejects.toThrow(/no store \(workers run jobs; the API, which owns the store, enqueues/);
  });

  it('rejects ready() naming the URL when Redis cannot be reached', async () => {
    const lost = createRedisQueue<AnyJobKinds>({ url: 'redis://127.0.0.1:1', prefix: bed.prefix, connectTimeoutMs: 300, onError: () => undefined });
    await expect(lost.ready()).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 within 300 ms/);
    await lost.close();
  });

  it('reports itself healthy while Redis answers, and names the URL when it cannot be reached', async () => {
    expect(api.health()).toEqual({ ok: true });
    const lost = createRedisQueue<AnyJobKinds>({ url: 'redis://127.0.0.1:1', prefix: bed.prefix, connectTimeoutMs: 300, onError: () => undefined });
    const before = lost.health();
    expect(!before.ok && before.reason).toMatch(/^Redis at redis:\/\/127\.0\.0\.1:1 is /);
    await lost.ready().catch(() => undefined);
    const after = lost.health();
    expect(!after.ok && after.reason).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 within 300 ms/);
    await lost.close();
    expect(lost.health()).toEqual({ ok: false, reason: 'the job queue is closed' });
  });

  it('lists workers that announced their backend, with the lanes they take, until they close', async () => {
    worker.process('echo', async () => undefined);
    worker.process(RENDER_FEATURES_JOB, async () => undefined);
    worker.announce({ backend: 'wasm' });
    await expect.poll(() => api.workers(), { timeout: 5000 }).toEqual([expect.objectContaining({ name: 'gpu-7:1234', backend: 'wasm', lanes: ['render', 'heavy'] })]);
    await worker.close();
    expect(await api.workers()).toEqual([]);
  });
});
