import { openStore, type Store } from '@branchscope/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { AnyJobKinds, KindMap } from '../job-kinds';
import { startRedisServer, type RedisServer } from '../testing/redis-server';
import { createRedisQueue, type RedisJobQueue, type RedisQueueOptions } from './redis-queue';

/** What a Redis queue test sees: the file's redis-server, and its own store file and key prefix. */
export interface RedisQueueTestbed {
  /** The test's temporary folder (its store file lies in it), removed after the test. */
  readonly dir: string;
  readonly store: Store;
  readonly prefix: string;
  /** What the test's queues reported through onError; a test ends with none. */
  readonly errors: Error[];
  /** A queue on the test's prefix, closed after the test. */
  open<M extends KindMap = AnyJobKinds>(options?: Partial<RedisQueueOptions>): RedisJobQueue<M>;
}

/**
 * Registers, in the calling describe block, one redis-server for the file and, for each test, a fresh SQLite store,
 * a fresh key prefix and the closing of every queue the test opened (with `lockDurationMs` unless it says otherwise).
 */
export function redisQueueTestbed(name: string, lockDurationMs: number): RedisQueueTestbed {
  let redis: RedisServer;
  let dir: string;
  let store: Store;
  let prefix: string;
  const errors: Error[] = [];
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `branchscope-${name}-`));
    store = openStore(join(dir, 'store.db'));
    prefix = `${name}-${Math.random().toString(36).slice(2)}`;
    errors.length = 0;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.close()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(errors).toEqual([]);
  });

  return {
    get dir() {
      return dir;
    },
    get store() {
      return store;
    },
    get prefix() {
      return prefix;
    },
    errors,
    open<M extends KindMap = AnyJobKinds>(options: Partial<RedisQueueOptions> = {}) {
      const queue = createRedisQueue<M>({ url: redis.url, prefix, lockDurationMs, onError: (error) => errors.push(error), ...options });
      opened.push(queue);
      return queue;
    },
  };
}
