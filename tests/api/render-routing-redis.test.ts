import type { FeatureImageTracesQueryResult, FeatureVisualization } from '@branchscope/client';
import { startRedisServer, type RedisServer } from '@branchscope/jobs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOf } from '../support/follow-answer';
import { queryData } from '../support/graphql';
import { jobById } from '../support/jobs';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { startWorker, type RunningWorker } from '../support/start-worker';
import { FEATURE_IMAGES_QUERY, type FeatureImage, type FeatureImagesArgs } from './feature-image-queries';

/** The client's FeatureImageTraces query on the demo model, 4 steps of 32 px. */
const demoImages = (variables: Omit<FeatureImagesArgs, 'modelId' | 'steps' | 'size'>): FeatureImagesArgs => ({
  modelId: 'demo-small-alexnet-2b',
  steps: 4,
  size: 32,
  ...variables,
});

/**
 * Redis mode with two real workers, one forced to the TF.js cpu backend and one to wasm (TF.js renders on both, so
 * their images are keyed `cpu` and `wasm`): each render goes to the worker on the backend it is pinned to, a render
 * naming no backend (as the AlexNet view asks) is pinned to the faster of the live ones, and one pinned to a backend
 * nobody renders on waits QUEUED saying so.
 */
describe('render routing with BRANCHSCOPE_QUEUE=redis and workers on two backends', () => {
  let redis: RedisServer;
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;
  let cpu: RunningWorker;
  let wasm: RunningWorker;
  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { BRANCHSCOPE_REDIS_URL: redis.url, BRANCHSCOPE_REDIS_PREFIX: 'render-routing-test', BRANCHSCOPE_RENDER_ENGINE: 'tfjs' };
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath, env: { ...env, BRANCHSCOPE_QUEUE: 'redis' } });
    [cpu, wasm] = await Promise.all([startWorker({ ...env, BRANCHSCOPE_BACKEND: 'cpu' }), startWorker({ ...env, BRANCHSCOPE_BACKEND: 'wasm' })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([cpu, wasm].map((worker) => worker?.stop()));
    await api?.stop();
    await redis?.stop();
    db?.remove();
  });

  it('announces each backend and its capabilities, and answers workerBackend with the faster one', async () => {
    const announced = async () => (await (await fetch(`${api.origin}/metrics`)).text()).split('\n').filter((line) => /^branchscope_worker_capabilities\{capability="render:/.test(line)).sort();
    await expect.poll(announced, { timeout: 20_000 }).toEqual([
      'branchscope_worker_capabilities{capability="render:cpu",mode="redis"} 1',
      'branchscope_worker_capabilities{capability="render:wasm",mode="redis"} 1',
    ]);
    expect((await queryData<{ workerBackend: string }>(api.url, '{ workerBackend }')).workerBackend).toBe('wasm');
  });

  it('renders featureImages without a backend on the wasm worker, and finds them again when asked again', async () => {
    const images = await answerOf<FeatureImage[]>(api.url, FEATURE_IMAGES_QUERY, 'featureImages', demoImages({ layer: 'conv2', units: [0, 1], seed: 1 }), 120_000);
    expect(images.map((image) => [image.unit, image.backend])).toEqual([
      [0, 'wasm'],
      [1, 'wasm'],
    ]);
    expect((await jobById(api.url, images[0]!.jobId!)).worker).toBe(wasm.name);
    const again = await queryData<FeatureImageTracesQueryResult>(api.url, FEATURE_IMAGES_QUERY, demoImages({ layer: 'conv2', units: [0, 1], seed: 1 }));
    expect(again.featureImages.job).toBeNull();
    expect(again.featureImages.result?.map((image) => image.key)).toEqual(images.map((image) => image.key));
    // The neuron page reads the same image without a backend too.
    const { neuron } = await queryData<{ neuron: { featureVisualization: Pick<FeatureVisualization, 'status' | 'backend'> & { image: Pick<FeatureImage, 'key'> | null } } }>(
      api.url,
      '{ neuron(modelId: "demo-small-alexnet-2b", layer: "conv2", unit: 1) { featureVisualization(steps: 4, size: 32, seed: 1) { status backend image { key } } } }',
    );
    expect(neuron.featureVisualization).toEqual({ status: 'READY', backend: 'wasm', image: { key: images[1]!.key } });
  }, 180_000);

  it('renders on the cpu worker when asked for cpu, under keys of its own', async () => {
    const images = await answerOf<FeatureImage[]>(api.url, FEATURE_IMAGES_QUERY, 'featureImages', demoImages({ layer: 'conv2', units: [0], seed: 1, backend: 'cpu' }), 120_000);
    expect(images[0]).toMatchObject({ unit: 0, backend: 'cpu' });
    expect((await jobById(api.url, images[0]!.jobId!)).worker).toBe(cpu.name);
    const onWasm = await queryData<FeatureImageTracesQueryResult>(api.url, FEATURE_IMAGES_QUERY, demoImages({ layer: 'conv2', units: [0], seed: 1 }));
    expect(onWasm.featureImages.result?.[0]?.key).not.toBe(images[0]!.key);
  }, 180_000);

  it('keeps a render pinned to a backend no worker has QUEUED, saying why, rather than failing it on a wrong worker', async () => {
    const asked = await queryData<FeatureImageTracesQueryResult>(api.url, FEATURE_IMAGES_QUERY, demoImages({ layer: 'conv2', units: [2], seed: 2, backend: 'node-gpu' }));
    const job = asked.featureImages.job!;
    expect(job).toMatchObject({ status: 'QUEUED', error: "waiting for a worker that renders on 'node-gpu': live workers render on cpu, wasm; the job starts when one does" });
    // Both workers are idle and poll their queues: had it gone to either, it would have failed within this time.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await jobById(api.url, job.id)).toMatchObject({ status: 'QUEUED', worker: null, error: expect.stringContaining("renders on 'node-gpu'") });
    await queryData(api.url, 'mutation ($id: ID!) { cancelJob(id: $id) { id status } }', { id: job.id });
  });
});
