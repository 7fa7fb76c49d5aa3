import type { AnyJobKinds } from '../job-kinds';
import { alexnetGraph, modelId } from '@branchscope/core';
import { blobDir, contentKey, findArtifacts, findImportedModel, getArtifact, insertModelsIfAbsent, openStore, putArtifact, type Store } from '@branchscope/store';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../testing/redis-server';
import { createRedisQueue, type RedisJobQueue } from './redis-queue';

/** The inline limit injected low: 3 MiB of weights take the blob-file path that hundreds of MiB take. */
const inlineLimit = 2 ** 20;
const bigBlob = (seed: number): Uint8Array => Uint8Array.from({ length: 3 * 2 ** 20 }, (_, i) => (i * seed) % 251);
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : []);

describe('Redis queue with artifacts in blob files', () => {
  let redis: RedisServer;
  let dir: string;
  let store: Store;
  let api: RedisJobQueue<AnyJobKinds>;
  let worker: RedisJobQueue<AnyJobKinds>;
  const errors: Error[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-redis-blobs-'));
    store = openStore(join(dir, 'store.db'));
    const prefix = `test-${Math.random().toString(36).slice(2)}`;
    errors.length = 0;
    api = createRedisQueue<AnyJobKinds>({ url: redis.url, prefix, store, lockDurationMs: 2000, onError: (error) => errors.push(error) });
    worker = createRedisQueue<AnyJobKinds>({ url: redis.url, prefix, lockDurationMs: 2000, onError: (error) => errors.push(error) });
    await api.ready();
    await insertModelsIfAbsent(store, [{ id: modelId('big'), name: 'Big', family: 'imported', graph: alexnetGraph(), weights: { kind: 'stored', key: contentKey('weights', 'big', {}) } }]);
  });
  afterEach(async () => {
    await Promise.all([api.close(), worker.close()]);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(errors).toEqual([]);
  });

  it("sends a worker the model's weights from their blob file in the API store", async () => {
    const weightsKey = contentKey('weights', 'big', {});
    const blob = bigBlob(31);
    await putArtifact(store, { key: weightsKey, kind: 'weights', modelId: modelId('big'), mediaType: 'application/octet-stream', bytes: blob, meta: {}, jobId: null }, { inlineLimit });
    expect((await findArtifacts(store, [weightsKey])).get(weightsKey)?.file).not.toBeNull();
    let file: string | undefined;
    worker.process('read', async () => {
      const weights = await worker.jobData.reads.weightsBlob(weightsKey);
      file = weights && 'file' in weights ? weights.file : undefined;
    });
    const job = await api.enqueue('read', { modelId: 'big' });
    expect((await api.waitFor(job.id, { timeoutMs: 20_000 })).status).toBe('SUCCEEDED');
    // A file of the worker's own, fetched from Redis by its content key: not the API's.
    expect(file).toMatch(/sha256/);
    expect(file?.startsWith(blobDir(store))).toBe(false);
    expect(readFileSync(file!).equals(Buffer.from(blob))).toBe(true);
  });

  it('stores an imported model whose weights a worker staged in a file, sent by content key, no temp file left', async () => {
    const key = contentKey('weights', 'imported', { written: true });
    const blob = bigBlob(17);
    let staged = '';
    worker.process('write', async ({ job }) => {
      const bytes = await worker.jobData.writes.stageBlob([blob.subarray(0, 1000), blob.subarray(1000)]);
      staged = bytes.tempPath;
      await worker.jobData.writes.putImportedModel({
        model: { id: modelId('imported'), name: 'Imported', family: 'imported', graph: alexnetGraph(), weights: { kind: 'stored', key } },
        source: { format: 'onnx', fileName: 'm.onnx', bytes: 10, sha256: 'a'.repeat(64), importKey: 'import-1', jobId: job.id },
        weights: { key, kind: 'weights', mediaType: 'application/octet-stream', bytes, meta: {} },
        result: { key: contentKey('import', 'imported', {}), kind: 'import', params: {}, value: { ok: true } },
      });
    });
    const job = await api.enqueue('write', { modelId: 'big' });
    expect((await api.waitFor(job.id, { timeoutMs: 20_000 })).status).toBe('SUCCEEDED');
    expect((await findImportedModel(store, 'import-1'))?.model.id).toBe('imported');
    expect(Buffer.from((await getArtifact(store, key))!.bytes).equals(Buffer.from(blob))).toBe(true);
    expect(filesUnder(join(blobDir(store), 'tmp'))).toEqual([]);
    // The worker's staged file went once it was sent.
    expect(staged).not.toBe('');
    expect(existsSync(staged)).toBe(false);
  });
});
