import type { WeightImage } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_JOB_FIELDS, answerOf } from '../support/follow-answer';
import { queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { featureImages, fetchArtifact, pngHeader, renderJobs, type FeatureImagesArgs } from './feature-image-queries';

// Small enough to render in about a second on 2 cores: 2 units, 32 px, 8 steps.
const small: FeatureImagesArgs = { modelId: 'small-alexnet-2b', layer: 'conv2', units: [0, 1], steps: 8, size: 32 };

describe('API: feature images rendered through the job queue and served by content key', () => {
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

  it('returns one image per unit whose URL fetches as a 32 x 32 RGB PNG with long cache headers', async () => {
    const images = await featureImages(api.url, small);
    expect(images.map((image) => image.unit)).toEqual([0, 1]);
    for (const image of images) {
      expect(image.url).toBe(`/artifacts/${image.key}.png`);
      expect(image.trace.values).toHaveLength(8);
      const { status, headers, bytes } = await fetchArtifact(api.origin, image.url);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('image/png');
      expect(headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
      expect(pngHeader(bytes)).toEqual({ width: 32, height: 32, bitDepth: 8, colorType: 2 });
    }
    expect(images[0]!.key).not.toBe(images[1]!.key);
  });

  it('reports the worker backend and an objective trace that rises over the 8 steps', async () => {
    const images = await featureImages(api.url, small);
    const { workerBackend } = await queryData<{ workerBackend: string }>(api.url, '{ workerBackend }');
    for (const image of images) {
      expect(image.backend).toBe(workerBackend);
      expect([image.trace.first, image.trace.last, image.trace.max]).toEqual([image.trace.values[0], image.trace.values[7], Math.max(...image.trace.values)]);
      expect(image.trace.last).toBeGreaterThan(image.trace.first);
    }
  });

  it('serves a second identical request from the store without a new job', async () => {
    const first = await featureImages(api.url, small);
    const jobsBefore = await renderJobs(api.url, 0);
    const second = await featureImages(api.url, small);
    expect(await renderJobs(api.url, 0)).toEqual(jobsBefore);
    expect(jobsBefore).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('shares one job between two concurrent identical requests', async () => {
    const args = { ...small, seed: 7 };
    const [a, b] = await Promise.all([featureImages(api.url, args), featureImages(api.url, args)]);
    expect(b.map((image) => image.key)).toEqual(a.map((image) => image.key));
    expect(await renderJobs(api.url, 7)).toHaveLength(1);
  });

  it('renders only the units not stored yet, answering in the order asked', async () => {
    const images = await featureImages(api.url, { ...small, units: [2, 1] });
    const jobs = await renderJobs(api.url, 0);
    expect(images.map((image) => image.unit)).toEqual([2, 1]);
    expect(jobs.at(-1)!.input.units).toEqual([2]);
  });

  it('gives 96 weight images of AlexNet conv1, 11 x 11 RGB, with descriptors', async () => {
    const query = `{ weightImages(modelId: "alexnet", layer: "conv1") { result { unit url width height channels colorIndex frequency orientation } ${ANSWER_JOB_FIELDS} } }`;
    const weightImages = await answerOf<Pick<WeightImage, 'unit' | 'url' | 'colorIndex' | 'frequency'>[]>(api.url, query, 'weightImages');
    expect(weightImages.map((image) => image.unit)).toEqual([...Array(96).keys()]);
    expect(weightImages.every((image) => image.colorIndex >= 0 && image.colorIndex <= 1)).toBe(true);
    const { bytes } = await fetchArtifact(api.origin, weightImages[95]!.url);
    expect(pngHeader(bytes)).toEqual({ width: 11, height: 11, bitDepth: 8, colorType: 2 });
  });

  it('gives descriptors from the weights for conv1 and from the feature images deeper', async () => {
    const query = `query ($modelId: ID!, $layer: String!, $units: [Int!], $steps: Int, $size: Int) {
      neuronDescriptors(modelId: $modelId, layer: $layer, units: $units, steps: $steps, size: $size) {
        result { unit source imageKey colorIndex }
        ${ANSWER_JOB_FIELDS}
      }
    }`;
    type Descriptor = { unit: number; source: string; imageKey: string; colorIndex: number };
    const first = await answerOf<Descriptor[]>(api.url, query, 'neuronDescriptors', { modelId: 'alexnet', layer: 'conv1' });
    expect(first).toHaveLength(96);
    expect(new Set(first.map((d) => d.source))).toEqual(new Set(['WEIGHTS']));
    const deep = await answerOf<Descriptor[]>(api.url, query, 'neuronDescriptors', { ...small });
    const images = await featureImages(api.url, small);
    expect(deep.map((d) => [d.unit, d.source, d.imageKey])).toEqual(images.map((i) => [i.unit, 'FEATURE_IMAGE', i.key]));
    expect(deep[0]!.colorIndex).toBe(images[0]!.descriptor.colorIndex);
  });
});
