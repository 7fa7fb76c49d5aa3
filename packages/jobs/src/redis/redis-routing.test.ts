import { getJob } from '@branchscope/store';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JobKinds } from '../job-kinds';
import { waitingForBackend } from '../job-routing';
import { RENDER_FEATURES_JOB } from '../kinds/render-features';
import { SVD_FACTORS_JOB } from '../kinds/svd-factors';
import { sampleRenderInput } from '../testing/sample-inputs';
import type { RedisJobQueue } from './redis-queue';
import { redisQueueTestbed } from './redis-queue.test-support';

describe('createRedisQueue routes jobs pinned to a backend', () => {
  const bed = redisQueueTestbed('redis-routing', 2000);
  let api: RedisJobQueue;
  /** A worker rendering on `backend`, which records the backend of each render it ran. */
  const worker = async (name: string, backend: string, ran: string[]): Promise<RedisJobQueue> => {
    const queue = bed.open<JobKinds>({ workerName: name });
    queue.process(RENDER_FEATURES_JOB, async ({ input }) => void ran.push(`${input.seed}:${input.backend}`), { backend });
    queue.process(SVD_FACTORS_JOB, async () => undefined);
    await queue.ready();
    queue.announce({ backend });
    return queue;
  };
  beforeEach(async () => {
    api = bed.open<JobKinds>({ store: bed.store });
    await api.ready();
  });

  it('sends each pinned render to the worker on its backend, an unpinned one to either, and keeps one nobody renders QUEUED with why', async () => {
    const onCpu: string[] = [];
    const onWasm: string[] = [];
    await worker('cpu-box:1', 'cpu', onCpu);
    await worker('wasm-box:2', 'wasm', onWasm);
    await expect.poll(async () => (await api.workers()).map((w) => [w.name, w.capabilities]), { timeout: 5000 }).toEqual([
      ['cpu-box:1', ['render:cpu', RENDER_FEATURES_JOB, SVD_FACTORS_JOB]],
      ['wasm-box:2', ['render:wasm', RENDER_FEATURES_JOB, SVD_FACTORS_JOB]],
    ]);

    // Several of each, so a render landing on the wrong worker by chance would show.
    const pinned = [];
    for (let seed = 0; seed < 6; seed++) pinned.push(await api.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(seed, seed % 2 === 0 ? 'cpu' : 'wasm')));
    const nowhere = await api.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(10, 'node-gpu'));
    const anywhere = await api.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(11));
    const done = await Promise.all([...pinned, anywhere].map((job) => api.waitFor(job.id, { timeoutMs: 15_000 })));
    expect(done.map((job) => job.status)).toEqual(done.map(() => 'SUCCEEDED'));
    expect(done.slice(0, 6).map((job) => job.worker)).toEqual(['cpu-box:1', 'wasm-box:2', 'cpu-box:1', 'wasm-box:2', 'cpu-box:1', 'wasm-box:2']);
    expect(onCpu.filter((run) => !run.startsWith('11:'))).toEqual(['0:cpu', '2:cpu', '4:cpu']);
    expect(onWasm.filter((run) => !run.startsWith('11:'))).toEqual(['1:wasm', '3:wasm', '5:wasm']);
    expect([...onCpu, ...onWasm].filter((run) => run.startsWith('11:'))).toEqual(['11:null']);

    const waiting = await getJob(bed.store, nowhere.id);
    expect(waiting).toMatchObject({ status: 'QUEUED', worker: null, error: waitingForBackend('node-gpu', ['cpu', 'wasm']) });
    expect(waiting?.error).toBe("waiting for a worker that renders on 'node-gpu': live workers render on cpu, wasm; the job starts when one does");

    // A worker on that backend arrives: the job starts there, and its note is gone.
    const onGpu: string[] = [];
    await worker('gpu-box:3', 'node-gpu', onGpu);
    expect(await api.waitFor(nowhere.id, { timeoutMs: 15_000 })).toMatchObject({ status: 'SUCCEEDED', worker: 'gpu-box:3', error: null });
    expect(onGpu).toEqual(['10:node-gpu']);
  }, 40_000);

  // Each job is the first of its pinned queue, so the API starts listening to that queue as it adds the job, and a
  // worker takes it at once: with BullMQ's default '$' the events between connecting and the first read were lost
  // (CI saw a running render with no worker recorded).
  it('records the start, worker and end of the first job of every new pinned queue, taken at once', async () => {
    const backends = Array.from({ length: 8 }, (_, i) => `fresh-${i}`);
    for (const backend of backends) await worker(`${backend}-box:1`, backend, []);
    await expect.poll(async () => (await api.workers()).length, { timeout: 5000 }).toBe(backends.length);
    const jobs = await Promise.all(backends.map((backend, seed) => api.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(seed, backend))));
    const done = await Promise.all(jobs.map((job) => api.waitFor(job.id, { timeoutMs: 15_000 })));
    expect(done.map((job) => [job.status, job.worker])).toEqual(backends.map((backend) => ['SUCCEEDED', `${backend}-box:1`]));
    expect(done.every((job) => job.startedAt !== null)).toBe(true);
  }, 40_000);
});
