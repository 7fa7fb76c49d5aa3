import type { FeatureImage } from '@branchscope/client';
import { RENDER_BATCH_UNITS } from '@branchscope/jobs';
import { startRedisServer, type RedisServer } from '@branchscope/jobs/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_JOB_FIELDS, answerOf } from '../support/follow-answer';
import { expectRenderedOnce } from '../support/rendered-once';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { listJobs, type Job } from '../support/jobs';
import { startWorker, type RunningWorker } from '../support/start-worker';


const RENDER = `query ($units: [Int!]!, $steps: Int!, $seed: Int!) {
  featureImages(modelId: "small-alexnet-2b", layer: "conv1", units: $units, steps: $steps, size: 16, seed: $seed, backend: "ort+wasm") {
    result { unit key jobId }
    ${ANSWER_JOB_FIELDS}
  }
}`;

/** Steps per render: each batch of 8 conv1 units at 16 px takes a few seconds on wasm. */
const STEPS = 480;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows one render job by polling `jobs` every 50 ms: every (time, progress, worker) seen, until it ends.
 */
function follow(url: string, jobId: () => string | undefined) {
  const seen: { at: number; progress: number; worker: string | null; status: string }[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const id = jobId();
      const job = id
        ? (await listJobs(url).catch((): Job[] => [])).find((row) => row.id === id)
        : undefined;
      if (job) {
        seen.push({ at: performance.now(), progress: job.progress, worker: job.worker, status: job.status });
        if (job.status === 'SUCCEEDED' || job.status === 'FAILED') return;
      }
      await sleep(50);
    }
  })();
  return { seen, done, stop: () => (stopped = true) };
}

describe('Redis mode: a render job outlives the worker running it, and resumes from the units it stored', () => {
  let redis: RedisServer;
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;
  let workers: RunningWorker[] = [];
  let env: Record<string, string>;
  let following: { stop(): void } | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
    env = { BRANCHSCOPE_REDIS_URL: redis.url, BRANCHSCOPE_REDIS_PREFIX: 'redis-takeover-test' };
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath, env: { ...env, BRANCHSCOPE_QUEUE: 'redis' } });
  });
  afterEach(async () => {
    following?.stop();
    await Promise.all(workers.map((worker) => worker.stop()));
    workers = [];
  });
  afterAll(async () => {
    await api?.stop();
    await redis?.stop();
    db?.remove();
  });

  /**
   * Starts a render of two batches on one of two workers (default lock), waits until its first batch is stored
   * and kept, lets `interrupt` stop the worker running it, and follows the job to its end.
   */
  async function renderThrough(seed: number, interrupt: (victim: RunningWorker) => Promise<void>) {
    // Either may take the job (each listens on its backend's queue and on the one for renders pinned to none);
    // the one that does is the victim.
    const workerEnv = { ...env, BRANCHSCOPE_BACKEND: 'wasm', BRANCHSCOPE_WORKER_STOP_GRACE_MS: '300' };
    workers = await Promise.all([startWorker(workerEnv), startWorker(workerEnv)]);
    const units = Array.from({ length: 2 * RENDER_BATCH_UNITS }, (_, unit) => unit);
    const answer = answerOf<Pick<FeatureImage, 'unit' | 'key' | 'jobId'>[]>(api.url, RENDER, 'featureImages', { units, steps: STEPS, seed });
    answer.catch(() => undefined);
    let jobId: string | undefined;
    const followed = follow(api.url, () => jobId);
    following = followed;
    for (let tries = 0; !jobId; tries++) {
      if (tries > 400) throw new Error('the render job was never queued');
      jobId = (await listJobs(api.url)).find((job) => job.kind === 'render-features')?.id;
      if (!jobId) await sleep(25);
    }
    // Progress reaches 0.475 (half of 0.95) once the first batch's images are stored and kept; wait for the second
    // batch to be under way.
    for (let tries = 0; !(followed.seen.at(-1)?.progress! > 0.475); tries++) {
      if (tries > 1200) throw new Error(`the first batch never finished: ${JSON.stringify(followed.seen.at(-1))}\n${workers.map((w) => w.output()).join('\n')}`);
      await sleep(50);
    }
    const running = followed.seen.at(-1)!;
    const victim = workers.find((worker) => worker.name === running.worker);
    const survivor = workers.find((worker) => worker !== victim)!;
    if (!victim) throw new Error(`the running job names ${running.worker}, none of the workers ${workers.map((w) => w.name).join(', ')}`);
    expect(running.status).toBe('RUNNING');
    const before = followed.seen.at(-1)!.progress;
    const interrupted = performance.now();
    const interruptedAt = Date.now();
    await interrupt(victim);
    const images = await answer;
    await followed.done;
    const after = followed.seen.filter((state) => state.at >= interrupted);
    const takenAt = after.find((state) => state.worker === survivor.name)?.at;
    // The job SUCCEEDED once, and left one whole PNG per unit in the API's database, nothing half-written.
    const stored = await expectRenderedOnce(api, jobId, { modelId: 'small-alexnet-2b', layer: 'conv1', units, steps: STEPS, size: 16, seed, backend: 'ort+wasm' });
    // The first batch's rows are the ones the victim kept (made before it stopped), not rendered again.
    const madeBefore = stored.filter((image) => Date.parse(image.computedAt) < interruptedAt).map((image) => image.unit);
    return { victim, survivor, images, jobId, before, after, madeBefore, takeoverMs: takenAt === undefined ? Infinity : takenAt - interrupted };
  }

  it('a killed worker’s job is taken over within seconds, names the new worker and keeps the stored units', async () => {
    const run = await renderThrough(1, (victim) => victim.kill());
    console.log(`takeover after SIGKILL: ${(run.takeoverMs / 1000).toFixed(1)} s (default lock, 5 s)`);
    // The default lock is 5 s, stalled jobs looked for every 1.25 s: taken over at most 6.25 s after the worker died,
    // then recorded by the API and seen by this poll; the margin is for a loaded machine.
    expect(run.takeoverMs).toBeLessThan(10_000);
    expect(run.images.map((image) => image.unit)).toEqual(Array.from({ length: 2 * RENDER_BATCH_UNITS }, (_, unit) => unit));
    expect(run.images.every((image) => image.jobId === run.jobId)).toBe(true);
    expect(run.after.at(-1)).toMatchObject({ status: 'SUCCEEDED', worker: run.survivor.name, progress: 1 });
    // The first batch was kept: the survivor starts at its share (0.475), not at zero.
    expect(Math.min(...run.after.map((state) => state.progress))).toBeGreaterThanOrEqual(0.475);
    expect(run.survivor.output()).toMatch(new RegExp(`info  job started kind=render-features lane=render id=${run.jobId}`));
    expect(run.madeBefore).toEqual(Array.from({ length: RENDER_BATCH_UNITS }, (_, unit) => unit));
  });

  it('a worker stopped with SIGTERM mid-render exits with code 0 and hands the job back at once', async () => {
    const run = await renderThrough(2, async (victim) => {
      victim.signal('SIGTERM');
      const exit = await victim.exited;
      expect(exit).toEqual({ code: 0, signal: null });
    });
    console.log(`takeover after SIGTERM (0.3 s grace): ${(run.takeoverMs / 1000).toFixed(1)} s`);
    expect(run.takeoverMs).toBeLessThan(4000);
    expect(run.after.at(-1)).toMatchObject({ status: 'SUCCEEDED', worker: run.survivor.name, progress: 1 });
    expect(Math.min(...run.after.map((state) => state.progress))).toBeGreaterThanOrEqual(0.475);
    expect(run.victim.output()).toMatch(/worker stopping \(SIGTERM\)[^\n]*\n(.*\n)*.*info  worker stopped\n/);
    expect(run.madeBefore).toEqual(Array.from({ length: RENDER_BATCH_UNITS }, (_, unit) => unit));
  });
});
