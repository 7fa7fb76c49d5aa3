import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readWorkerConfig } from './worker-config';

const repoDownloads = fileURLToPath(new URL('../../../data/downloads', import.meta.url));

describe('readWorkerConfig', () => {
  it('defaults to a local Redis, the branchscope prefix, one job at a time, a 5 s lock, a 10 s stop grace and data/downloads', () => {
    expect(readWorkerConfig({})).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'branchscope',
      concurrency: 1,
      lockDurationMs: 5000,
      stopGraceMs: 10_000,
      downloadDir: repoDownloads,
    });
  });

  it('reads the Redis URL, prefix, concurrency, lock and download folder from the environment', () => {
    const env = {
      BRANCHSCOPE_REDIS_URL: 'redis://queue.lab:6380/2',
      BRANCHSCOPE_REDIS_PREFIX: 'lab-a',
      BRANCHSCOPE_WORKER_CONCURRENCY: '4',
      BRANCHSCOPE_WORKER_LOCK_MS: '20000',
      BRANCHSCOPE_WORKER_STOP_GRACE_MS: '0',
      BRANCHSCOPE_DOWNLOAD_DIR: '/srv/models',
    };
    expect(readWorkerConfig(env)).toEqual({
      redisUrl: 'redis://queue.lab:6380/2',
      redisPrefix: 'lab-a',
      concurrency: 4,
      lockDurationMs: 20_000,
      stopGraceMs: 0,
      downloadDir: path.resolve('/srv/models'),
    });
  });

  it('names the variable when a value is invalid', () => {
    expect(() => readWorkerConfig({ BRANCHSCOPE_REDIS_URL: 'queue.lab:6379' })).toThrow(/BRANCHSCOPE_REDIS_URL must look like redis:\/\/host:6379, got 'queue.lab:6379'/);
    expect(() => readWorkerConfig({ BRANCHSCOPE_WORKER_CONCURRENCY: '0' })).toThrow(/BRANCHSCOPE_WORKER_CONCURRENCY must be an integer from 1 to 64, got '0'/);
    expect(() => readWorkerConfig({ BRANCHSCOPE_WORKER_LOCK_MS: '2.5' })).toThrow(/BRANCHSCOPE_WORKER_LOCK_MS must be an integer from 1000/);
    expect(() => readWorkerConfig({ BRANCHSCOPE_REDIS_PREFIX: 'a:b' })).toThrow(/BRANCHSCOPE_REDIS_PREFIX may hold/);
    expect(() => readWorkerConfig({ BRANCHSCOPE_WORKER_STOP_GRACE_MS: '-1' })).toThrow(/BRANCHSCOPE_WORKER_STOP_GRACE_MS must be an integer from 0 to 3600000, got '-1'/);
  });
});
