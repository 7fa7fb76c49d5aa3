import type { AnyJobKinds } from '../job-kinds';
import { alexnetGraph, modelId } from '@branchscope/core';
import { contentKey, getArtifact, getJob, insertModelsIfAbsent } from '@branchscope/store';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RedisJobQueue } from './redis-queue';
import { redisQueueTestbed } from './redis-queue.test-support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Blocks this thread (and so every queue of the test process) for `ms`. */
function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy: no timer, no I/O callback runs meanwhile.
  }
}

describe('Redis queue: locks, hand-back and kept values', () => {
  const bed = redisQueueTestbed('redis-takeover', 1000);
  const { errors, open } = bed;
  let api: RedisJobQueue<AnyJobKinds>;
  beforeEach(async () => {
    api = open({ store: bed.store });
    await api.ready();
  });

  // BullMQ renews locks from the event loop; a handler computing synchronously for 2.5 locks would have lost its
  // job (to the other worker, or failed at completion for a missing lock) before the lock keeper's thread.
  it('keeps the job of a handler that blocks the event loop for several lock durations', async () => {
    let runs = 0;
    const handler = async () => {
      runs++;
      await sleep(50);
      blockFor(5000);
      await sleep(1500);
    };
    // Locks of 2 s (not the suite's 1 s): the lock keeper's thread starts with the worker, and on a loaded machine
    // (a test run on two cores) loading it can take longer than a whole 1 s lock.
    const first = open({ workerName: 'first:1', lockDurationMs: 2000 });
    first.process('block', handler);
    const job = await api.enqueue('block', {});
    for (let tries = 0; (await getJob(bed.store, job.id))?.status !== 'RUNNING'; tries++) {
      if (tries > 200) throw new Error('the job never started');
      await sleep(20);
    }
    // Only now a second worker, which would take the job over if its lock lapsed.
    open({ workerName: 'second:2', lockDurationMs: 2000 }).process('block', handler);
    expect(await api.waitFor(job.id, { timeoutMs: 20_000 })).toMatchObject({ status: 'SUCCEEDED', worker: 'first:1' });
    expect(runs).toBe(1);
    expect(errors).toEqual([]);
  }, 30_000);

  it('hands running jobs back on close after stopGraceMs: another worker takes over at once and starts from the values kept', async () => {
    const keys = [0, 1, 2, 3].map((unit) => contentKey('tile', 'm', { unit }));
    const seenAtStart: number[] = [];
    /** Stores the tiles not stored yet, keeping each; the first worker stalls after two. */
    const tiles = (stallAfter: number) => async ({ job, reportProgress, keepStored }: Parameters<Parameters<RedisJobQueue<AnyJobKinds>["process"]>[1]>[0]) => {
      const { reads, writes } = (job.worker === 'first:1' ? first : second).jobData;
      const stored = await reads.storedArtifacts(keys);
      seenAtStart.push(stored.size);
      let done = stored.size;
      for (const [unit, key] of keys.entries()) {
        if (stored.has(key)) continue;
        if (done === stallAfter) await new Promise(() => undefined);
        await writes.putArtifact({ key, kind: 'tile', modelId: modelId('alexnet'), mediaType: 'image/png', bytes: Uint8Array.of(unit), meta: { by: job.worker }, jobId: job.id });
        await keepStored!();
        await reportProgress(++done / keys.length);
      }
    };
    const first = open({ workerName: 'first:1', stopGraceMs: 200, lockDurationMs: 30_000 });
    const second = open({ workerName: 'second:2', lockDurationMs: 30_000 });
    first.process('tiles', tiles(2));
    await insertModelsIfAbsent(bed.store, [{ id: modelId('alexnet'), name: 'AlexNet', family: 'alexnet', graph: alexnetGraph(), weights: { kind: 'seeded', seed: 1 } }]);
    const job = await api.enqueue('tiles', { modelId: 'alexnet' });
    for (let tries = 0; (await getJob(bed.store, job.id))?.progress !== 0.5; tries++) {
      if (tries > 500) throw new Error(`the first worker never stored two tiles: ${JSON.stringify(await getJob(bed.store, job.id))} ${errors.join('; ')}`);
      await sleep(20);
    }
    second.process('tiles', tiles(Infinity));
    const closed = Date.now();
    await first.close();
    const finished = await api.waitFor(job.id, { timeoutMs: 10_000 });
    // With a 30 s lock, only a hand-back explains a takeover this soon.
    expect(Date.now() - closed).toBeLessThan(5000);
    expect(finished).toMatchObject({ status: 'SUCCEEDED', worker: 'second:2', progress: 1 });
    expect(seenAtStart).toEqual([0, 2]);
    const metas = await Promise.all(keys.map(async (key) => (await getArtifact(bed.store, key))?.meta));
    expect(metas).toEqual([{ by: 'first:1' }, { by: 'first:1' }, { by: 'second:2' }, { by: 'second:2' }]);
    expect(errors).toEqual([]);
  }, 30_000);
});
