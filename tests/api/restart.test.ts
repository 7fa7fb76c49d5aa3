import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { alexnetSvd, svdJobsFor, type SvdFactors } from './svd-queries';

describe('API: a restart on the same database file loses nothing', () => {
  const args = { from: 'conv1', to: 'conv2', centered: false };
  let db: ReturnType<typeof tempDbPath>;
  let before: SvdFactors;
  let api: RunningApi;
  beforeAll(async () => {
    db = tempDbPath();
    const first = await startApi({ dbPath: db.dbPath });
    try {
      before = await alexnetSvd(first.url, args);
    } finally {
      await first.stop();
    }
    api = await startApi({ dbPath: db.dbPath });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('serves the stored result with the same numbers and the job that computed it', async () => {
    const after = await alexnetSvd(api.url, args);
    expect(after).toEqual(before);
  });

  it('runs no new job for a result computed before the restart', async () => {
    await alexnetSvd(api.url, args);
    const jobs = await svdJobsFor(api.url, args);
    expect(jobs.map((job) => job.id)).toEqual([before.jobId]);
  });

  it('does not register the built-in models twice', async () => {
    expect(api.output()).not.toMatch(/registered built-in models/);
  });
});
