import { RENDER_BATCH_UNITS } from '@branchscope/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryData } from '../support/graphql';
import { expectRenderedOnce, type RenderAsked } from '../support/rendered-once';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';

interface JobRow {
  id: string;
  kind: string;
  status: string;
  progress: number;
  worker: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const RENDER = `query ($units: [Int!]!, $steps: Int!, $size: Int!, $seed: Int!) {
  featureImages(modelId: "small-alexnet-2b", layer: "conv1", units: $units, steps: $steps, size: $size, seed: $seed) { job { id } }
}`;

/** The pid in a job's `worker` (`host:pid`), which names the pool process running it. */
const pidOf = (worker: string | null): number => {
  const pid = Number(worker?.split(':').at(-1));
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) throw new Error(`job worker '${worker}' names no pool process`);
  return pid;
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * In-process mode, end to end: a real API whose worker pool has one render process; a render of two batches is
 * asked through GraphQL, and the pool process running it is killed with SIGKILL (as the kernel's OOM killer would)
 * once the first batch is stored and the second is under way.
 */
describe('in-process pool: a render whose process is killed with SIGKILL completes once, whole, from its stored units', () => {
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_WORKERS: '1', BRANCHSCOPE_WORKER_THREADS: '1', BRANCHSCOPE_BACKEND: 'wasm' } });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('retries it on the replacement process, which renders only the units not stored before the kill', async () => {
    const asked: RenderAsked = { modelId: 'small-alexnet-2b', layer: 'conv1', units: Array.from({ length: 2 * RENDER_BATCH_UNITS }, (_, unit) => unit), steps: 480, size: 16, seed: 11 };
    const { featureImages } = await queryData<{ featureImages: { job: { id: string } | null } }>(api.url, RENDER, { ...asked });
    const jobId = featureImages.job?.id;
    if (!jobId) throw new Error('the render answered without a job');
    const jobNow = async () => (await queryData<{ jobs: JobRow[] }>(api.url, '{ jobs { id kind status progress worker } }')).jobs.find((job) => job.id === jobId)!;

    // Progress passes half of 0.95 once the first batch is stored; wait for the second to be under way.
    let before = await jobNow();
    for (let tries = 0; !(before.status === 'RUNNING' && before.progress > 0.475); tries++) {
      if (tries > 2400 || before.status !== 'QUEUED' && before.status !== 'RUNNING') throw new Error(`the first batch never finished: ${JSON.stringify(before)}\n${api.output()}`);
      await sleep(50);
      before = await jobNow();
    }
    const victim = pidOf(before.worker);
    const killedAt = Date.now();
    process.kill(victim, 'SIGKILL');

    const seen: JobRow[] = [];
    for (let tries = 0; ; tries++) {
      const job = await jobNow();
      seen.push(job);
      if (job.status !== 'QUEUED' && job.status !== 'RUNNING') break;
      if (tries > 6000) throw new Error(`the render did not end within 5 minutes of the kill: ${JSON.stringify(job)}`);
      await sleep(50);
    }
    const last = seen.at(-1)!;
    expect(last.status, api.output()).toBe('SUCCEEDED');
    expect(alive(victim)).toBe(false);
    // The job names the process that finished it: the one the pool started in the victim's place.
    expect(pidOf(last.worker)).not.toBe(victim);
    expect(api.output()).toMatch(new RegExp(`pool process ${victim} killed by SIGKILL while running job ${jobId}; retrying it once on another pool process`));
    // The retry starts at the stored batch's share (0.475), not at zero: the stored units are not rendered again.
    expect(Math.min(...seen.map((job) => job.progress))).toBeGreaterThanOrEqual(0.475);

    const images = await expectRenderedOnce(api, jobId, asked);
    const storedBefore = images.filter((image) => Date.parse(image.computedAt) < killedAt).map((image) => image.unit);
    expect(storedBefore).toEqual(asked.units.slice(0, RENDER_BATCH_UNITS));
  }, 360_000);
});

/**
 * The default on a 2-core machine: two one-thread render processes, each given half of a render's units. One of
 * them is killed mid-share; its share is retried on another process while the other share goes on.
 */
describe('in-process pool: a render split across two processes, one of them killed with SIGKILL, completes once and whole', () => {
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_WORKERS: '2', BRANCHSCOPE_WORKER_THREADS: '1', BRANCHSCOPE_BACKEND: 'wasm' } });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('retries the killed share, and every unit is stored once, made by the job', async () => {
    const asked: RenderAsked = { modelId: 'small-alexnet-2b', layer: 'conv1', units: Array.from({ length: 2 * RENDER_BATCH_UNITS }, (_, unit) => unit), steps: 480, size: 16, seed: 12 };
    const { featureImages } = await queryData<{ featureImages: { job: { id: string } | null } }>(api.url, RENDER, { ...asked });
    const jobId = featureImages.job?.id;
    if (!jobId) throw new Error('the render answered without a job');
    const jobNow = async () => (await queryData<{ jobs: JobRow[] }>(api.url, '{ jobs { id kind status progress worker } }')).jobs.find((job) => job.id === jobId)!;
    // Both shares under way (a tenth of the render done), neither finished.
    let before = await jobNow();
    for (let tries = 0; !(before.status === 'RUNNING' && before.progress > 0.1 && before.worker); tries++) {
      if (tries > 2400 || (before.status !== 'QUEUED' && before.status !== 'RUNNING')) throw new Error(`the render never got under way: ${JSON.stringify(before)}\n${api.output()}`);
      await sleep(50);
      before = await jobNow();
    }
    expect(before.progress).toBeLessThan(0.475);
    const victim = pidOf(before.worker);
    process.kill(victim, 'SIGKILL');

    let last = await jobNow();
    for (let tries = 0; last.status === 'QUEUED' || last.status === 'RUNNING'; tries++) {
      if (tries > 6000) throw new Error(`the render did not end within 5 minutes of the kill: ${JSON.stringify(last)}`);
      await sleep(50);
      last = await jobNow();
    }
    expect(last.status, api.output()).toBe('SUCCEEDED');
    expect(alive(victim)).toBe(false);
    expect(api.output()).toMatch(new RegExp(`pool process ${victim} killed by SIGKILL while running job ${jobId}; retrying it once on another pool process`));
    await expectRenderedOnce(api, jobId, asked);
  }, 360_000);
});
