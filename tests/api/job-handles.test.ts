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
    const first = (await queryData<{ svdFactors: Answer<{ rows: number; cols: number; jobId: string }> }>(api.url, SVD, { from: 'conv1' })).svdFactors;
    expect(first.result).toBeNull();
    expect(first.job).toMatchObject({ kind: 'svd-factors', error: null });
    expect(['QUEUED', 'RUNNING']).toContain(first.job!.status);
    await followJob(api.url, first.job!);
    const second = (await queryData<{ svdFactors: Answer<{ rows: number; cols: number; jobId: string }> }>(api.url, SVD, { from: 'conv1' })).svdFactors;
    expect(second).toEqual({ result: { rows: 32, cols: 64, jobId: first.job!.id }, job: null });
  });

  it('featureImages answers a long render with its running job and no images, without waiting for it', async () => {
    const { featureImages } = await queryData<{ featureImages: Answer<{ unit: number }[]> & { stored: { unit: number }[] } }>(api.url, LONG_RENDER);
    expect(featureImages.result).toBeNull();
    expect(featureImages.stored).toEqual([]);
    expect(featureImages.job).toMatchObject({ kind: 'render-features', error: null });
    // Not waited for: the job has not ended when the answer arrives.
    expect(['QUEUED', 'RUNNING']).toContain(featureImages.job!.status);
  });
});
