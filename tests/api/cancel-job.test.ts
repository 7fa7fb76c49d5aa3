import { CancelJobMutation, operationText, type CancelJobMutationResult, type JobState } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_JOB_FIELDS, type AnswerJob } from '../support/follow-answer';
import { postGraphql, queryData } from '../support/graphql';
import { jobById, listJobs } from '../support/jobs';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { collectSubscription } from '../support/subscribe';

// A render long enough to be running when cancelled: 2048 steps of 8 units at 128 px takes minutes on the CPU.
const LONG_RENDER = `{
  featureImages(modelId: "small-alexnet-2b", layer: "conv2", units: [0, 1, 2, 3, 4, 5, 6, 7], steps: 2048, size: 128, seed: 92) {
    result { unit } ${ANSWER_JOB_FIELDS}
  }
}`;

const CANCEL = operationText(CancelJobMutation);
const JOB_PROGRESS = 'subscription ($id: ID!) { jobProgress(id: $id) { id status progress error } }';

describe('API: cancelJob', () => {
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

  it('cancelJob records the render CANCELLED at once, its subscribers get that state, and asking again shows it', async () => {
    const { featureImages } = await queryData<{ featureImages: { job: AnswerJob } }>(api.url, LONG_RENDER);
    const subscription = collectSubscription<{ jobProgress: AnswerJob }>(api.url, JOB_PROGRESS, { id: featureImages.job.id });
    const { cancelJob } = await queryData<CancelJobMutationResult>(api.url, CANCEL, { id: featureImages.job.id });
    expect(cancelJob).toMatchObject({ id: featureImages.job.id, kind: 'render-features', status: 'CANCELLED', error: 'cancelled through the API (cancelJob)' });
    expect(cancelJob.finishedAt).not.toBeNull();
    const { values, errors } = await subscription;
    expect(errors).toBeUndefined();
    expect(values.at(-1)?.jobProgress.status).toBe('CANCELLED');
    expect((await jobById(api.url, featureImages.job.id)).status).toBe('CANCELLED');
    expect((await listJobs(api.url, 'CANCELLED')).map((j) => j.id)).toContain(featureImages.job.id);
  });

  it('cancelJob returns a job that already ended as it is', async () => {
    const svd = '{ svdFactors(modelId: "small-alexnet-2b", from: "conv1", to: "conv2") { job { id } } }';
    const { svdFactors } = await queryData<{ svdFactors: { job: Pick<JobState, 'id'> } }>(api.url, svd);
    await collectSubscription(api.url, JOB_PROGRESS, { id: svdFactors.job.id });
    const jobs = await listJobs(api.url, 'SUCCEEDED');
    const { cancelJob } = await queryData<CancelJobMutationResult>(api.url, CANCEL, { id: jobs[0]!.id });
    expect(cancelJob).toMatchObject({ id: jobs[0]!.id, status: 'SUCCEEDED', error: null });
  });

  it('cancelJob of an unknown id is NOT_FOUND naming the id', async () => {
    const { errors } = await postGraphql(api.url, CANCEL, { id: 'no-such-job' });
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(errors?.[0]?.message).toBe("no job with id 'no-such-job'");
  });
});
