import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DATABASES, apiDatabases, type ApiDatabase } from '../support/api-database';
import { startApi, type RunningApi } from '../support/start-api';
import { alexnetSvd, svdJobsFor } from './svd-queries';

// On PostgreSQL too: the jobs run in the API's pool processes, which open the same database.
describe.each(API_DATABASES)('API: SVD factors through the job queue (%s)', (kind) => {
  const databases = apiDatabases(kind);
  let api: RunningApi;
  let db: ApiDatabase;
  const plain = { from: 'conv1', to: 'conv2', centered: false };
  const centred = { from: 'conv1', to: 'conv2', centered: true };
  beforeAll(async () => {
    db = await databases.fresh();
    api = await startApi({ dbPath: db.dbPath, env: db.env });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('returns one entry per conv1 unit and per conv2 unit', async () => {
    const svd = await alexnetSvd(api.url, plain);
    expect([svd.rows, svd.cols, svd.fromUnits.length, svd.toUnits.length]).toEqual([96, 256, 96, 256]);
    expect(svd.fromUnits.map((unit) => unit.unit)).toEqual([...Array(96).keys()]);
  });

  it('returns singular values largest first', async () => {
    const { singularValues } = await alexnetSvd(api.url, plain);
    expect(singularValues).toHaveLength(96);
    singularValues.slice(1).forEach((value, i) => expect(value).toBeLessThanOrEqual(singularValues[i]!));
  });

  it('returns explained variance summing to 1 within 1e-9', async () => {
    const { explainedVariance } = await alexnetSvd(api.url, plain);
    expect(Math.abs(explainedVariance.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
  });

  it('returns `components` factors per unit', async () => {
    const svd = await alexnetSvd(api.url, { ...plain, components: 3 });
    expect(new Set([...svd.fromUnits, ...svd.toUnits].map((unit) => unit.factors.length))).toEqual(new Set([3]));
  });

  it("puts conv1 units 0-47 in the branch they feed, 0, and units 48-95 in branch 1", async () => {
    const { fromUnits } = await alexnetSvd(api.url, plain);
    expect(fromUnits.map((unit) => unit.branch)).toEqual([...Array(48).fill(0), ...Array(48).fill(1)]);
  });

  it('puts conv2 units 0-127 in branch 0 and 128-255 in branch 1', async () => {
    const { toUnits } = await alexnetSvd(api.url, plain);
    expect(toUnits.map((unit) => unit.branch)).toEqual([...Array(128).fill(0), ...Array(128).fill(1)]);
  });

  it('serves a second identical request from the store: same numbers, no new job', async () => {
    const first = await alexnetSvd(api.url, plain);
    const jobsBefore = await svdJobsFor(api.url, plain);
    const second = await alexnetSvd(api.url, plain);
    const jobsAfter = await svdJobsFor(api.url, plain);
    expect(jobsBefore).toHaveLength(1);
    expect(jobsAfter.map((job) => job.id)).toEqual(jobsBefore.map((job) => job.id));
    expect(second).toEqual(first);
  });

  it('runs one job for two concurrent identical requests', async () => {
    const [a, b] = await Promise.all([alexnetSvd(api.url, centred), alexnetSvd(api.url, centred)]);
    const jobs = await svdJobsFor(api.url, centred);
    expect(jobs).toHaveLength(1);
    expect([a.jobId, b.jobId]).toEqual([jobs[0]!.id, jobs[0]!.id]);
    expect(jobs[0]!.status).toBe('SUCCEEDED');
  });

  it('gives different singular values for the centred variant', async () => {
    const [p, c] = await Promise.all([alexnetSvd(api.url, plain), alexnetSvd(api.url, centred)]);
    expect(c.centered).toBe(true);
    expect(Math.abs(c.singularValues[0]! - p.singularValues[0]!)).toBeGreaterThan(1e-6);
  });
});
