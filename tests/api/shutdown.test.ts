import type { JobState } from '@branchscope/client';
import { startRedisServer, type RedisServer } from '@branchscope/jobs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { startWorker } from '../support/start-worker';
import { collectSubscription } from '../support/subscribe';

/** Sends SIGTERM and resolves with the exit and how long it took. */
async function terminate(process: { kill(signal: NodeJS.Signals): void; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }) {
  const started = performance.now();
  process.kill('SIGTERM');
  const exit = await Promise.race([process.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
  return { exit, ms: performance.now() - started };
}

// Apollo registers its own SIGINT/SIGTERM handlers unless NODE_ENV is 'test' (as under vitest), and those made a
// Redis-mode API hang on SIGTERM: run the API as users do, with another NODE_ENV.
const USER_ENV = { NODE_ENV: 'development' };

describe('SIGTERM stops the API and a standalone worker promptly, closing what they hold', () => {
  let redis: RedisServer;
  const dbs: ReturnType<typeof tempDbPath>[] = [];
  const apis: RunningApi[] = [];
  const redisEnv = () => ({ BRANCHSCOPE_REDIS_URL: redis.url, BRANCHSCOPE_REDIS_PREFIX: `shutdown-${Math.random().toString(36).slice(2)}` });
  const api = async (env: Record<string, string>) => {
    const db = tempDbPath();
    dbs.push(db);
    const started = await startApi({ dbPath: db.dbPath, env: { ...USER_ENV, ...env } });
    apis.push(started);
    return started;
  };
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(apis.map((started) => started.stop()));
    await redis?.stop();
    for (const db of dbs) db.remove();
  });

  it('an idle API with BRANCHSCOPE_QUEUE=redis exits with code 0 within 3 s', async () => {
    const started = await api({ ...redisEnv(), BRANCHSCOPE_QUEUE: 'redis' });
    const { exit, ms } = await terminate(started);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(3000);
    expect(started.output()).toMatch(/info  api stopping \(SIGTERM\)\n.*info  api stopped\n/);
  });

  it('a Redis-mode API holding a subscription to a job no worker takes exits with code 0 within 9 s', async () => {
    const started = await api({ ...redisEnv(), BRANCHSCOPE_QUEUE: 'redis' });
    // svdFactors answers at once with its job (no request waits for one); the job stays queued, no worker runs.
    const query = '{ svdFactors(modelId: "small-alexnet-2b", from: "conv1", to: "conv2") { job { id } } }';
    const jobId = (await queryData<{ svdFactors: { job: Pick<JobState, 'id'> | null } }>(started.url, query)).svdFactors.job?.id;
    if (!jobId) throw new Error('svdFactors answered without a job on a fresh store');
    const subscription = collectSubscription(started.url, 'subscription ($id: ID!) { jobProgress(id: $id) { status } }', { id: jobId }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { exit, ms } = await terminate(started);
    expect(exit).toEqual({ code: 0, signal: null });
    // Open requests get 5 s to finish (HTTP_DRAIN_MS), then their sockets are closed.
    expect(ms).toBeLessThan(9000);
    await subscription;
  });

  it('an in-process API exits with code 0 within 3 s', async () => {
    const started = await api({});
    const { exit, ms } = await terminate(started);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(3000);
  });

  it('an idle standalone worker exits with code 0 within 3 s', async () => {
    const worker = await startWorker({ ...redisEnv(), BRANCHSCOPE_BACKEND: 'cpu' });
    const { exit, ms } = await terminate({ kill: worker.signal, exited: worker.exited });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(3000);
    expect(worker.output()).toMatch(/info  worker stopped\n/);
  });
});
