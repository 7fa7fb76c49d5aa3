import { beforeEach, describe, expect, it } from 'vitest';
import { failRunningJobs, finishJob, getJob, insertJob, listJobs, noteQueuedJob, setJobProgress, setJobWorker, startJob } from './jobs';
import type { Store } from './open-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

describe.each(STORE_DIALECTS)('jobs (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
  });

  it('stores a new job as QUEUED with its input', async () => {
    const { job, created } = await insertJob(store, { kind: 'svd-factors', input: { from: 'conv1' } });
    expect(created).toBe(true);
    expect(await getJob(store, job.id)).toMatchObject({ status: 'QUEUED', progress: 0, input: { from: 'conv1' } });
  });

  it('returns the active job instead of a new one for the same dedupe key', async () => {
    const first = await insertJob(store, { kind: 'k', input: {}, dedupeKey: 'same' });
    const [a, b] = await Promise.all([
      insertJob(store, { kind: 'k', input: {}, dedupeKey: 'same' }),
      insertJob(store, { kind: 'k', input: {}, dedupeKey: 'same' }),
    ]);
    expect([a.job.id, b.job.id, a.created, b.created]).toEqual([first.job.id, first.job.id, false, false]);
    expect(await listJobs(store)).toHaveLength(1);
  });

  it('creates a new job for a dedupe key whose job has ended', async () => {
    const first = await insertJob(store, { kind: 'k', input: {}, dedupeKey: 'same' });
    await finishJob(store, first.job.id, { status: 'FAILED', error: 'boom' });
    const second = await insertJob(store, { kind: 'k', input: {}, dedupeKey: 'same' });
    expect(second.created).toBe(true);
    expect(second.job.id).not.toBe(first.job.id);
  });

  it('moves a job through RUNNING to SUCCEEDED with its progress and result key', async () => {
    const { job } = await insertJob(store, { kind: 'k', input: {} });
    expect(await startJob(store, job.id)).toBe(true);
    await setJobProgress(store, job.id, 0.5);
    expect((await getJob(store, job.id))?.progress).toBe(0.5);
    const done = await finishJob(store, job.id, { status: 'SUCCEEDED', resultKey: null });
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress: 1, error: null });
    expect(done.finishedAt).not.toBeNull();
  });

  it('does not start a job twice', async () => {
    const { job } = await insertJob(store, { kind: 'k', input: {} });
    await startJob(store, job.id);
    expect(await startJob(store, job.id)).toBe(false);
  });

  it('keeps the first outcome of a job that already ended', async () => {
    const { job } = await insertJob(store, { kind: 'k', input: {} });
    await finishJob(store, job.id, { status: 'FAILED', error: 'first' });
    const again = await finishJob(store, job.id, { status: 'SUCCEEDED' });
    expect(again).toMatchObject({ status: 'FAILED', error: 'first' });
  });

  it('rejects progress outside 0 to 1, naming the job', async () => {
    const { job } = await insertJob(store, { kind: 'k', input: {} });
    await expect(setJobProgress(store, job.id, 1.5)).rejects.toThrow(`job ${job.id}: progress must be a number from 0 to 1, got 1.5`);
  });

  it('lets the database refuse a row with an unknown status and keeps the others', async () => {
    const { job } = await insertJob(store, { kind: 'k', input: {} });
    const write = store.db.updateTable('jobs').set({ status: 'BOGUS' as 'QUEUED' }).where('id', '=', job.id).execute();
    await expect(write).rejects.toThrow(/CHECK constraint failed|violates check constraint/);
    expect((await getJob(store, job.id))?.status).toBe('QUEUED');
  });

  it('lists jobs newest first and filters by status', async () => {
    const a = await insertJob(store, { kind: 'k', input: 1 });
    const b = await insertJob(store, { kind: 'k', input: 2 });
    await finishJob(store, a.job.id, { status: 'SUCCEEDED' });
    expect((await listJobs(store)).map((job) => job.id)).toEqual([b.job.id, a.job.id]);
    expect((await listJobs(store, { status: 'SUCCEEDED' })).map((job) => job.id)).toEqual([a.job.id]);
  });

  it('records the worker running a job and keeps it once the job has ended', async () => {
    const { job } = await insertJob(store, { kind: 'k', input: {} });
    expect((await getJob(store, job.id))?.worker).toBeNull();
    await startJob(store, job.id);
    await setJobWorker(store, job.id, 'gpu-1:4242');
    await finishJob(store, job.id, { status: 'SUCCEEDED' });
    await setJobWorker(store, job.id, 'gpu-2:17');
    expect((await getJob(store, job.id))?.worker).toBe('gpu-1:4242');
  });

  it('fails jobs left RUNNING by a stopped process, with the reason', async () => {
    const { job } = await insertJob(store, { kind: 'k', input: {}, dedupeKey: 'x' });
    await startJob(store, job.id);
    expect(await failRunningJobs(store, ['k'], 'interrupted')).toEqual([job.id]);
    expect(await getJob(store, job.id)).toMatchObject({ status: 'FAILED', error: 'interrupted' });
  });

  it('notes why a queued job waits, clears the note when it starts, and notes nothing on a job that is not queued', async () => {
    const { job } = await insertJob(store, { kind: 'render-features', input: {} });
    expect(await noteQueuedJob(store, job.id, "waiting for a worker that renders on 'cpu'")).toBe(true);
    expect(await getJob(store, job.id)).toMatchObject({ status: 'QUEUED', error: "waiting for a worker that renders on 'cpu'" });
    expect(await startJob(store, job.id)).toBe(true);
    expect(await getJob(store, job.id)).toMatchObject({ status: 'RUNNING', error: null });
    expect(await noteQueuedJob(store, job.id, 'late')).toBe(false);
    expect((await getJob(store, job.id))?.error).toBeNull();
  });
});
