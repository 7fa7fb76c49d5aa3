import type { AnyJobKinds } from './job-kinds';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentKey, getJob, insertJob, listJobs, openStore, startJob, type Store } from '@branchscope/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessQueue } from './in-process-queue';
import type { JobEvent, JobQueue } from './job-queue';
import { RENDER_FEATURES_JOB } from './kinds/render-features';
import { WEIGHT_IMAGES_JOB } from './kinds/weight-images';
import { sampleRenderInput, sampleWeightImagesInput } from './testing/sample-inputs';

/** A promise with its resolve function outside, to hold a handler until the test lets it go. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createInProcessQueue', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue<AnyJobKinds>;
  const errors: Error[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-jobs-'));
    store = openStore(join(dir, 'store.db'));
    errors.length = 0;
    queue = createInProcessQueue<AnyJobKinds>({ store, onError: (error) => errors.push(error) });
  });
  afterEach(async () => {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    expect(errors).toEqual([]);
  });

  it('runs the handler and records the job as SUCCEEDED with its result key', async () => {
    const key = contentKey('echo', 'm', {});
    queue.process('echo', async ({ input }) => ({ resultKey: input.n === 1 ? key : undefined }));
    const job = await queue.enqueue('echo', { n: 1 });
    const done = await queue.waitFor(job.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress: 1, resultKey: key });
    expect((await getJob(store, job.id))?.status).toBe('SUCCEEDED');
  });

  it('records this process as the worker that ran the job', async () => {
    queue.process('who', async () => undefined);
    const job = await queue.enqueue('who', {});
    expect((await queue.waitFor(job.id)).worker).toBe(`${hostname()}:${process.pid}`);
  });

  it('cancels a running job: CANCELLED at once, its signal fires, and what the handler does afterwards is dropped', async () => {
    const events: JobEvent[] = [];
    queue.subscribe((event) => events.push(event));
    const started = deferred();
    let aborted = false;
    queue.process('spin', async ({ signal }) => {
      started.resolve();
      if (!signal!.aborted) await new Promise<void>((resolve) => signal!.addEventListener('abort', () => resolve(), { once: true }));
      aborted = true;
      throw new Error('stopped');
    });
    const job = await queue.enqueue('spin', {}, { dedupeKey: 'spin' });
    await started.promise;
    const waiting = queue.waitFor(job.id);
    expect(await queue.cancel(job.id, 'cancelled by ada')).toMatchObject({ status: 'CANCELLED', error: 'cancelled by ada' });
    expect(await waiting).toMatchObject({ status: 'CANCELLED' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(aborted).toBe(true);
    expect((await getJob(store, job.id))?.status).toBe('CANCELLED');
    expect(events.filter((event) => event.type === 'finished')).toHaveLength(1);
    // The dedupe key is free again: asking again starts a new job.
    const again = await queue.enqueue('spin', {}, { dedupeKey: 'spin' });
    expect(again.id).not.toBe(job.id);
    await queue.cancel(again.id);
  });

  it('cancels a queued job before it starts, leaves a finished one as it is, and names an unknown id', async () => {
    const gate = deferred();
    let runs = 0;
    queue.process(RENDER_FEATURES_JOB, async () => {
      runs += 1;
      await gate.promise;
    });
    const first = await queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(1));
    const second = await queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(2));
    expect((await queue.cancel(second.id)).status).toBe('CANCELLED');
    gate.resolve();
    expect((await queue.waitFor(first.id)).status).toBe('SUCCEEDED');
    expect(runs).toBe(1);
    expect((await queue.cancel(first.id)).status).toBe('SUCCEEDED');
    await expect(queue.cancel('no-such-job')).rejects.toThrow(/cannot cancel job 'no-such-job': no such job/);
  });

  it('stores a failing handler error on the job and keeps running later jobs', async () => {
    queue.process('maybe', async ({ input }) => {
      if (input.fail) throw new Error('layer conv9 does not exist');
    });
    const bad = await queue.enqueue('maybe', { fail: true });
    const good = await queue.enqueue('maybe', { fail: false });
    expect(await queue.waitFor(bad.id)).toMatchObject({ status: 'FAILED', error: 'layer conv9 does not exist' });
    expect((await queue.waitFor(good.id)).status).toBe('SUCCEEDED');
  });

  it('gives concurrent requests with one dedupe key the same job and runs it once', async () => {
    const gate = deferred();
    let calls = 0;
    queue.process('slow', async () => {
      calls += 1;
      await gate.promise;
    });
    const jobs = await Promise.all([1, 2, 3].map(() => queue.enqueue('slow', {}, { dedupeKey: 'same' })));
    gate.resolve();
    await queue.waitFor(jobs[0]!.id);
    expect(new Set(jobs.map((job) => job.id)).size).toBe(1);
    expect(calls).toBe(1);
  });

  it('runs one job at a time by default', async () => {
    let active = 0;
    let most = 0;
    queue.process('count', async () => {
      active += 1;
      most = Math.max(most, active);
      await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
    });
    const jobs = await Promise.all([1, 2, 3].map((n) => queue.enqueue('count', { n })));
    await Promise.all(jobs.map((job) => queue.waitFor(job.id)));
    expect(most).toBe(1);
  });

  it('runs a quick-lane job while a render-lane job is still blocked, and finishes it first', async () => {
    const gate = deferred();
    const finished: string[] = [];
    queue.subscribe((event) => event.type === 'finished' && finished.push(event.job.kind));
    queue.process(RENDER_FEATURES_JOB, () => gate.promise);
    queue.process(WEIGHT_IMAGES_JOB, async () => undefined);
    const render = await queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput());
    const quick = await queue.enqueue(WEIGHT_IMAGES_JOB, sampleWeightImagesInput);
    expect((await queue.waitFor(quick.id, { timeoutMs: 5000 })).status).toBe('SUCCEEDED');
    expect((await getJob(store, render.id))?.status).toBe('RUNNING');
    gate.resolve();
    expect((await queue.waitFor(render.id)).status).toBe('SUCCEEDED');
    expect(finished).toEqual([WEIGHT_IMAGES_JOB, RENDER_FEATURES_JOB]);
  });

  it('keeps one job at a time within a lane: a second render waits for the first', async () => {
    const gates = [deferred(), deferred()];
    let calls = 0;
    queue.process(RENDER_FEATURES_JOB, ({ input }) => ((calls += 1), gates[input.seed]!.promise));
    const jobs = [await queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(0)), await queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(1))];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([calls, (await getJob(store, jobs[1]!.id))?.status]).toEqual([1, 'QUEUED']);
    gates[0]!.resolve();
    gates[1]!.resolve();
    await Promise.all(jobs.map((job) => queue.waitFor(job.id)));
    expect(calls).toBe(2);
  });

  it('runs as many jobs of a lane at once as its concurrency says', async () => {
    await queue.close();
    queue = createInProcessQueue<AnyJobKinds>({ store, concurrency: { render: 2 }, onError: (error) => errors.push(error) });
    const gate = deferred();
    let active = 0;
    queue.process(RENDER_FEATURES_JOB, async () => {
      active += 1;
      await gate.promise;
    });
    const jobs = await Promise.all([1, 2, 3].map((n) => queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(n))));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(active).toBe(2);
    gate.resolve();
    await Promise.all(jobs.map((job) => queue.waitFor(job.id)));
    expect(active).toBe(3);
  });

  it('refuses a lane concurrency that is not a positive integer, naming the lane', () => {
    expect(() => createInProcessQueue<AnyJobKinds>({ store, concurrency: { quick: 0 } })).toThrow("concurrency of the 'quick' lane must be a positive integer, got 0");
  });

  it('records progress and tells subscribers', async () => {
    const events: JobEvent[] = [];
    queue.subscribe((event) => events.push(event));
    queue.process('steps', async ({ reportProgress }) => {
      await reportProgress(0.25);
      await reportProgress(0.75);
    });
    const job = await queue.enqueue('steps', {});
    await queue.waitFor(job.id);
    const progress = events.filter((event) => event.type === 'progress').map((event) => event.job.progress);
    expect(progress).toEqual([0.25, 0.75]);
    expect(events.map((event) => event.type)).toEqual(['queued', 'started', 'progress', 'progress', 'finished']);
  });

  it('fails a job whose handler reports progress outside 0 to 1, naming the value', async () => {
    queue.process('bad-progress', async ({ reportProgress }) => reportProgress(2).then(() => undefined));
    const job = await queue.enqueue('bad-progress', {});
    expect((await queue.waitFor(job.id)).error).toMatch(/progress must be a number from 0 to 1, got 2/);
  });

  it('runs jobs enqueued before their handler registered once it does', async () => {
    const job = await queue.enqueue('later', {});
    queue.process('later', async () => undefined);
    expect((await queue.waitFor(job.id)).status).toBe('SUCCEEDED');
  });

  it('picks up jobs another process left QUEUED in the store', async () => {
    const { job } = await insertJob(store, { kind: 'left', input: {} });
    queue.process('left', async () => undefined);
    expect((await queue.waitFor(job.id)).status).toBe('SUCCEEDED');
  });

  it('fails jobs a stopped process left RUNNING, so their dedupe key is free again', async () => {
    await queue.close();
    const { job } = await insertJob(store, { kind: 'k', input: {}, dedupeKey: 'x' });
    await startJob(store, job.id);
    queue = createInProcessQueue<AnyJobKinds>({ store, onError: (error) => errors.push(error) });
    queue.process('k', async () => undefined);
    const again = await queue.enqueue('k', {}, { dedupeKey: 'x' });
    expect(await getJob(store, job.id)).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^interrupted/) });
    expect(again.id).not.toBe(job.id);
    expect((await queue.waitFor(again.id)).status).toBe('SUCCEEDED');
  });

  it('rejects waiting for an unknown job, naming the id', async () => {
    await expect(queue.waitFor('no-such-job')).rejects.toThrow("no job with id 'no-such-job'");
  });

  it('rejects a wait that outlasts its timeout', async () => {
    const job = await queue.enqueue('never-handled', {});
    await expect(queue.waitFor(job.id, { timeoutMs: 5 })).rejects.toThrow(`job ${job.id} did not finish within 5 ms`);
  });

  it('refuses a second handler for the same kind', () => {
    queue.process('once', async () => undefined);
    expect(() => queue.process('once', async () => undefined)).toThrow("a handler for 'once' jobs is already registered");
  });

  it('lists the jobs it ran in the store', async () => {
    queue.process('x', async () => undefined);
    const job = await queue.enqueue('x', {});
    await queue.waitFor(job.id);
    expect((await listJobs(store)).map((row) => row.id)).toEqual([job.id]);
  });

  it('reports itself healthy until it closes, then says so', async () => {
    expect(queue.health()).toEqual({ ok: true });
    await queue.close();
    expect(queue.health()).toEqual({ ok: false, reason: 'the job queue is closed' });
  });

  it('reports a start that could not recover interrupted jobs, with the reason', async () => {
    const closedStore = openStore(join(dir, 'other.db'));
    // Kysely closes only a connection it has used.
    await listJobs(closedStore);
    await closedStore.close();
    const broken = createInProcessQueue<AnyJobKinds>({ store: closedStore, onError: () => undefined });
    await broken.waitFor('any').catch(() => undefined);
    const health = broken.health();
    expect(health.ok).toBe(false);
    expect(!health.ok && health.reason).toMatch(/^the job queue could not start: /);
    await broken.close();
  });
});
