import type { FeatureImage, JobState } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followJob, type AnswerJob } from '../support/follow-answer';
import { postGraphql, queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';

const RENDER_LAYER = `mutation ($layer: String!, $steps: Int) {
  renderLayer(modelId: "small-alexnet-2b", layer: $layer, steps: $steps, size: 32) { id kind status progress error }
}`;
const IMAGES = `query ($units: [Int!]!, $steps: Int) {
  featureImages(modelId: "small-alexnet-2b", layer: "conv1", units: $units, steps: $steps, size: 32) { result { unit jobId } job { id } }
}`;

/** What IMAGES selects, in the client's generated `FeatureImage` and `JobState` fields. */
interface Images {
  featureImages: { result: Pick<FeatureImage, 'unit' | 'jobId'>[] | null; job: Pick<JobState, 'id'> | null };
}

const allUnits = Array.from({ length: 32 }, (_, unit) => unit);

describe('API: renderLayer renders every unit of a layer in the worker pool, resumably', () => {
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

  it('returns the job at once, and once it succeeds featureImages serves every unit from the store', async () => {
    const { renderLayer: job } = await queryData<{ renderLayer: AnswerJob }>(api.url, RENDER_LAYER, { layer: 'conv1', steps: 3 });
    expect(job).toMatchObject({ kind: 'render-layer' });
    expect(['QUEUED', 'RUNNING']).toContain(job.status);
    await followJob(api.url, job);
    const images = await queryData<Images>(api.url, IMAGES, { units: allUnits, steps: 3 });
    expect(images.featureImages.job).toBeNull();
    expect(images.featureImages.result!.map((image) => image.unit)).toEqual(allUnits);
    expect(new Set(images.featureImages.result!.map((image) => image.jobId))).toEqual(new Set([job.id]));
  }, 240_000);

  it('does not render again the units stored before: a second job for the layer keeps them', async () => {
    // Eight units rendered by themselves first, then the whole layer.
    const first = await queryData<Images>(api.url, IMAGES, { units: [0, 1, 2, 3, 4, 5, 6, 7], steps: 2 });
    await followJob(api.url, { id: first.featureImages.job!.id, kind: 'render-features', status: 'QUEUED', progress: 0, error: null });
    const earlier = (await queryData<Images>(api.url, IMAGES, { units: [0], steps: 2 })).featureImages.result![0]!.jobId;
    const { renderLayer: job } = await queryData<{ renderLayer: AnswerJob }>(api.url, RENDER_LAYER, { layer: 'conv1', steps: 2 });
    await followJob(api.url, job);
    const images = (await queryData<Images>(api.url, IMAGES, { units: allUnits, steps: 2 })).featureImages.result!;
    expect(images.filter((image) => image.jobId === earlier).map((image) => image.unit)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(images.filter((image) => image.jobId === job.id)).toHaveLength(24);
  }, 240_000);

  it('names an unknown layer', async () => {
    const body = await postGraphql(api.url, RENDER_LAYER, { layer: 'conv9' });
    expect(body.errors?.[0]?.message).toMatch(/has no layer 'conv9' to render/);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
