import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobState } from '@branchscope/client';
import { listJobs } from '../support/jobs';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { collectSubscription } from '../support/subscribe';
import { featureImages } from './feature-image-queries';

/** What JOB_PROGRESS selects: the client's generated `JobState` and the job's worker. */
type ProgressState = JobState & Pick<Job, 'worker'>;

const JOB_PROGRESS = 'subscription ($id: ID!) { jobProgress(id: $id) { id kind status progress worker error } }';

describe('API: job progress as a GraphQL subscription (in-process queue)', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('streams a render job from its current state through rising progress to SUCCEEDED, then completes', async () => {
    // 64 steps of 4 units at 32 px: a few seconds, reported 20 times.
    const rendering = featureImages(api.url, { modelId: 'small-alexnet-2b', layer: 'conv2', units: [0, 1, 2, 3], steps: 64, size: 32, seed: 11 });
    rendering.catch(() => undefined);
    let jobId: string | undefined;
    for (let tries = 0; !jobId && tries < 500; tries++) {
      jobId = (await listJobs(api.url)).find((job) => job.kind === 'render-features')?.id;
      if (!jobId) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(jobId).toBeDefined();

    const { values, errors } = await collectSubscription<{ jobProgress: ProgressState }>(api.url, JOB_PROGRESS, { id: jobId });
    await rendering;
    expect(errors).toBeUndefined();
    const states = values.map((value) => value.jobProgress);
    expect(new Set(states.map((state) => state.id))).toEqual(new Set([jobId]));
    const progress = states.map((state) => state.progress);
    progress.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(progress[i]!));
    expect(new Set(progress.filter((value) => value > 0 && value < 1)).size).toBeGreaterThanOrEqual(3);
    expect(states.at(-1)).toMatchObject({ status: 'SUCCEEDED', progress: 1, error: null });
    expect(states.at(-1)!.worker).toMatch(/^.+:\d+$/);
    expect(states.slice(0, -1).every((state) => state.status === 'QUEUED' || state.status === 'RUNNING')).toBe(true);
  });

  it('sends a finished job once and completes', async () => {
    const jobs = await listJobs(api.url, 'SUCCEEDED');
    const { values, errors } = await collectSubscription<{ jobProgress: ProgressState }>(api.url, JOB_PROGRESS, { id: jobs[0]!.id });
    expect(errors).toBeUndefined();
    expect(values.map((value) => value.jobProgress.status)).toEqual(['SUCCEEDED']);
  });

  it('answers an unknown job id with NOT_FOUND naming the id', async () => {
    const { values, errors } = await collectSubscription(api.url, JOB_PROGRESS, { id: 'no-such-job' });
    expect(values).toEqual([]);
    expect(errors?.[0]).toMatchObject({ message: "no job with id 'no-such-job'", extensions: { code: 'NOT_FOUND' } });
  });

  it('refuses a subscription nested deeper than the query depth limit, as over HTTP', async () => {
    const walk = `${'inputLayers { '.repeat(9)}name${' }'.repeat(9)}`;
    const deep = `subscription ($id: ID!) { jobProgress(id: $id) { model { layers { ${walk} } } } }`;
    const { values, errors } = await collectSubscription(api.url, deep, { id: 'any' });
    expect(values).toEqual([]);
    expect(errors?.map((error) => error.message)).toEqual(['the query is nested 13 fields deep, more than the limit of 12']);
  });
});
