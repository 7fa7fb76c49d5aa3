import { CancelJobMutation, FeatureImagesQuery, SvdFactorsQuery, createBranchscopeClient, followJob, jobHasEnded, mutate, query } from '@branchscope/client';
import type { JobState } from '@branchscope/client';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';

/** Every state `followJob` reports until the job ends (or the subscription fails). */
function statesOf(url: string, jobId: string): Promise<JobState[]> {
  const states: JobState[] = [];
  return new Promise((resolve, reject) => {
    followJob({
      url,
      jobId,
      // Node 20 has no global WebSocket; browsers and Node 22 need none.
      webSocketImpl: WebSocket,
      onState: (state) => states.push(state),
      onEnd: (error) => (error ? reject(error) : resolve(states)),
    });
  });
}

describe('@branchscope/client against a live API: answers as { result, job }, followJob, CancelJobMutation', () => {
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

  it('SvdFactorsQuery answers with a job, followJob sees it to SUCCEEDED, and asking again gives the factors', async () => {
    const client = createBranchscopeClient(api.url);
    const variables = { modelId: 'small-alexnet-2b', from: 'conv1', to: 'conv2', components: 2 };
    const { svdFactors: first } = await query(client, SvdFactorsQuery, variables);
    expect(first.result).toBeNull();
    const states = await statesOf(api.url, first.job!.id);
    expect(states.at(-1)).toMatchObject({ id: first.job!.id, kind: 'svd-factors', status: 'SUCCEEDED', progress: 1 });
    expect(states.slice(0, -1).every((state) => !jobHasEnded(state))).toBe(true);
    const { svdFactors: second } = await query(client, SvdFactorsQuery, variables);
    expect(second.job).toBeNull();
    expect(second.result).toMatchObject({ rows: 32, cols: 64, jobId: first.job!.id });
    expect(second.result!.fromUnits[0]!.factors).toHaveLength(2);
  });

  it('CancelJobMutation cancels the render FeatureImagesQuery started, and followJob ends with CANCELLED', async () => {
    const client = createBranchscopeClient(api.url);
    const { featureImages } = await query(client, FeatureImagesQuery, { modelId: 'small-alexnet-2b', layer: 'conv2', units: [0, 1, 2, 3], steps: 2048, size: 64, seed: 94 });
    expect(featureImages.result).toBeNull();
    expect(featureImages.stored).toEqual([]);
    const following = statesOf(api.url, featureImages.job!.id);
    const { cancelJob } = await mutate(client, CancelJobMutation, { id: featureImages.job!.id });
    expect(cancelJob.status).toBe('CANCELLED');
    expect((await following).at(-1)).toMatchObject({ status: 'CANCELLED', error: 'cancelled through the API (cancelJob)' });
  });
});
