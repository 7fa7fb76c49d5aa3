import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CatalogueEntry, JobState } from '@branchscope/client';
import { startRedisServer, type RedisServer } from '@branchscope/jobs/testing';
import { smallAlexnetOnnx } from '@branchscope/model-import/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryData } from '../support/graphql';
import { startFileServer, type FileServer } from '@branchscope/worker/testing';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { startWorker, type RunningWorker } from '../support/start-worker';
import { modelView, waitForJob } from './import-queries';

const twin = smallAlexnetOnnx(4);
const sha256 = createHash('sha256').update(twin).digest('hex');
const NO_PROXY_ENV = { HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', NO_PROXY: '', no_proxy: '' };

describe('fetchCatalogueModel with BRANCHSCOPE_QUEUE=redis: a standalone worker downloads and imports', () => {
  let dir: string;
  let redis: RedisServer;
  let zoo: FileServer;
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;
  let worker: RunningWorker;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-fetch-redis-'));
    zoo = await startFileServer({ '/twin.onnx': twin });
    const catalogue = path.join(dir, 'catalogue.json');
    writeFileSync(catalogue, JSON.stringify([{ id: 'twin-8', name: 'Twin', format: 'onnx', url: `${zoo.origin}/redirect/twin.onnx`, sha256, bytes: twin.length }]));
    redis = await startRedisServer();
    const env = { BRANCHSCOPE_REDIS_URL: redis.url, BRANCHSCOPE_REDIS_PREFIX: 'fetch-redis-test', ...NO_PROXY_ENV };
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath, env: { ...env, BRANCHSCOPE_QUEUE: 'redis', BRANCHSCOPE_CATALOGUE: catalogue } });
    worker = await startWorker({ ...env, BRANCHSCOPE_BACKEND: 'cpu', BRANCHSCOPE_DOWNLOAD_DIR: path.join(dir, 'worker-downloads') });
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await redis?.stop();
    await zoo?.close();
    db?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores the model in the API's database and keeps the file in the worker's download folder", async () => {
    const { fetchCatalogueModel } = await queryData<{ fetchCatalogueModel: Pick<JobState, 'id'> }>(api.url, 'mutation { fetchCatalogueModel(id: "twin-8") { id } }');
    const job = await waitForJob(api.url, fetchCatalogueModel.id, 120_000);
    expect(job).toMatchObject({ kind: 'fetch-model', status: 'SUCCEEDED', error: null });
    expect((await modelView(api.url, job.model!.id))!.source).toMatchObject({ fileName: 'twin.onnx', sha256, jobId: job.id });
    expect(existsSync(path.join(dir, 'worker-downloads', 'twin.onnx'))).toBe(true);
    const { catalogue } = await queryData<{ catalogue: Pick<CatalogueEntry, 'imported'>[] }>(api.url, '{ catalogue { imported } }');
    expect(catalogue).toEqual([{ imported: true }]);
  });
});
