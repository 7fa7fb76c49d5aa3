import { beforeEach, describe, expect, it } from 'vitest';
import { countJobs, finishJob, insertJob, startJob } from './jobs';
import type { Store } from './open-store';
import { pingStore } from './ping-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

describe.each(STORE_DIALECTS)('countJobs and pingStore (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
  });

  it('counts jobs by kind and status, only the statuses asked for', async () => {
    const a = await insertJob(store, { kind: 'svd-factors', input: {} });
    await insertJob(store, { kind: 'svd-factors', input: {} });
    const c = await insertJob(store, { kind: 'render-features', input: {} });
    await startJob(store, c.job.id);
    await finishJob(store, a.job.id, { status: 'SUCCEEDED' });
    expect(await countJobs(store)).toEqual([
      { kind: 'render-features', status: 'RUNNING', count: 1 },
      { kind: 'svd-factors', status: 'QUEUED', count: 1 },
      { kind: 'svd-factors', status: 'SUCCEEDED', count: 1 },
    ]);
    expect(await countJobs(store, ['QUEUED', 'RUNNING'])).toEqual([
      { kind: 'render-features', status: 'RUNNING', count: 1 },
      { kind: 'svd-factors', status: 'QUEUED', count: 1 },
    ]);
    expect(await countJobs(store, [])).toEqual([]);
    await expect(countJobs(store, ['DONE' as never])).rejects.toThrow("unknown job status 'DONE'");
  });

  it('pings an open store and rejects once it is closed', async () => {
    await expect(pingStore(store)).resolves.toBeUndefined();
    await store.close();
    await expect(pingStore(store)).rejects.toThrow();
  });
});
