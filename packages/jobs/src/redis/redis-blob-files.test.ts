import type { AnyJobKinds } from '../job-kinds';
import { alexnetGraph, modelId } from '@branchscope/core';
import { blobDir, contentKey, findArtifacts, getArtifact, insertModelsIfAbsent, openStore, putArtifact, type Store } from '@branchscope/store';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
    let seen: { bytes?: Uint8Array; file?: string | null } = {};
    worker.process('read', async () => {
      seen = { bytes: (await getArtifact(worker.jobStore, weightsKey))?.bytes, file: (await findArtifacts(worker.jobStore, [weightsKey])).get(weightsKey)?.file };
    });
    const job = await api.enqueue('read', { modelId: 'big' });
    expect((await api.waitFor(job.id, { timeoutMs: 20_000 })).status).toBe('SUCCEEDED');
    expect(seen.file).toMatch(/sha256/);
    expect(seen.bytes && Buffer.from(seen.bytes).equals(Buffer.from(blob))).toBe(true);
  });

  it('stores an artifact a worker wrote to a blob file as a blob file in the API store, no temp file left', async () => {
    const key = contentKey('weights', 'big', { written: true });
    const blob = bigBlob(17);
    worker.process('write', async ({ job }) => {
      await putArtifact(worker.jobStore, { key, kind: 'weights', modelId: modelId('big'), mediaType: 'application/octet-stream', bytes: blob, meta: {}, jobId: job.id }, { inlineLimit });
    });
    const job = await api.enqueue('write', { modelId: 'big' });
    expect((await api.waitFor(job.id, { timeoutMs: 20_000 })).status).toBe('SUCCEEDED');
    const info = (await findArtifacts(store, [key])).get(key)!;
    expect(info.file?.startsWith(blobDir(store))).toBe(true);
    expect(Buffer.from((await getArtifact(store, key))!.bytes).equals(Buffer.from(blob))).toBe(true);
    expect(filesUnder(join(blobDir(store), 'tmp'))).toEqual([]);
  });
});
