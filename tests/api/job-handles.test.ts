import type { FeatureImage, Job, JobState, SvdFactors } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_JOB_FIELDS, followJob, type Answer } from '../support/follow-answer';
import { queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';

const SVD = `query ($from: String!) {
  svdFactors(modelId: "small-alexnet-2b", from: $from, to: "conv2", components: 2) { result { rows cols jobId } ${ANSWER_JOB_FIELDS} }
}`;

// A render long enough to be running when cancelled: 2048 steps of 8 units at 128 px takes minutes on the CPU.
const LONG_RENDER = `{
  featureImages(modelId: "small-alexnet-2b", layer: "conv2", units: [0, 1, 2, 3, 4, 5, 6, 7], steps: 2048, size: 128, seed: 91) {
    result { unit } stored { unit } ${ANSWER_JOB_FIELDS}
  }
}`;


describe('API: expensive fields answer at once with their result or their job', () => {
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

  it('svdFactors answers with its unfinished job on a fresh store, then with the result that job stored', async () => {
    const first = (await queryData<{ svdFactors: Answer<Pick<SvdFactors, 'rows' | 'cols' | 'jobId'>> }>(api.url, SVD, { from: 'conv1' })).svdFactors;
    expect(first.result).toBeNull();
    expect(first.job).toMatchObject({ kind: 'svd-factors', error: null });
    expect(['QUEUED', 'RUNNING']).toContain(first.job!.status);
    await followJob(api.url, first.job!);
    const second = (await queryData<{ svdFactors: Answer<Pick<SvdFactors, 'rows' | 'cols' | 'jobId'>> }>(api.url, SVD, { from: 'conv1' })).svdFactors;
    expect(second).toEqual({ result: { rows: 32, cols: 64, jobId: first.job!.id }, job: null });
  });

  it('featureImages answers a long render with its running job and no images, without waiting for it', async () => {
    const { featureImages } = await queryData<{ featureImages: Answer<Pick<FeatureImage, 'unit'>[]> & { stored: Pick<FeatureImage, 'unit'>[] } }>(api.url, LONG_RENDER);
    expect(featureImages.result).toBeNull();
    expect(featureImages.stored).toEqual([]);
    expect(featureImages.job).toMatchObject({ kind: 'render-features', error: null });
    // Not waited for: the job has not ended when the answer arrives.
    expect(['QUEUED', 'RUNNING']).toContain(featureImages.job!.status);
    // Cancelled, so it does not hold the render processes (the pool splits it across all of them) for minutes.
    const { cancelJob } = await queryData<{ cancelJob: Pick<JobState, 'status'> }>(api.url, 'mutation ($id: ID!) { cancelJob(id: $id) { status } }', { id: featureImages.job!.id });
    expect(cancelJob.status).toBe('CANCELLED');
  });

  it('featureImages asked again mid-render gives the images stored so far and joins the same job', async () => {
    const query = `{
      featureImages(modelId: "small-alexnet-2b", layer: "conv1", units: [${Array.from({ length: 16 }, (_, unit) => unit).join(', ')}], steps: 300, size: 32, seed: 93) {
        result { unit } stored { unit } ${ANSWER_JOB_FIELDS}
      }
    }`;
    type Images = { featureImages: Answer<{ unit: number }[]> & { stored: { unit: number }[] } };
    const first = (await queryData<Images>(api.url, query)).featureImages;
    expect(first.job).not.toBeNull();
    // Two batches of 8 units: the first units are stored while the second batch still renders.
    let again = first;
    for (let tries = 0; again.stored.length === 0; tries++) {
      if (tries > 1200) throw new Error(`no unit was stored mid-render: ${JSON.stringify(again)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = (await queryData<Images>(api.url, query)).featureImages;
    }
    if (again.result === null) {
      expect(again.job?.id).toBe(first.job!.id);
      const stored = again.stored.map((image) => image.unit);
      expect(stored.length).toBeLessThan(16);
      expect(stored).toEqual([...stored].sort((a, b) => a - b).filter((unit) => unit >= 0 && unit < 16));
      await followJob(api.url, again.job!);
    }
    const done = (await queryData<Images>(api.url, query)).featureImages;
    expect(done.result?.map((image) => image.unit)).toEqual(Array.from({ length: 16 }, (_, unit) => unit));
    const { jobs } = await queryData<{ jobs: (Pick<Job, 'kind'> & { input: { seed?: number } })[] }>(api.url, '{ jobs { kind input } }');
    expect(jobs.filter((job) => job.kind === 'render-features' && job.input.seed === 93)).toHaveLength(1);
  }, 240_000);
});
