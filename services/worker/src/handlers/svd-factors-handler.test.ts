import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alexnetGraph, modelId } from '@branchscope/core';
import { createInProcessQueue, svdFactorsKey, SVD_FACTORS_JOB, type JobQueue, type SvdFactorsValue, storeJobData } from '@branchscope/jobs';
import { getResult, insertModelsIfAbsent, openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHandlers } from '../register-handlers';

describe('svd-factors handler', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-worker-'));
    store = openStore(join(dir, 'store.db'));
    const graph = alexnetGraph();
    await insertModelsIfAbsent(store, [
      { id: modelId('alexnet'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } },
      { id: modelId('imported'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'onnx', file: 'x.onnx' } },
    ]);
    queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
    registerHandlers(queue, { data: storeJobData(store), backend: 'cpu' });
  });
  afterAll(async () => {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (input: { modelId: string; from: string; to: string; centered: boolean }) =>
    queue.waitFor((await queue.enqueue(SVD_FACTORS_JOB, input)).id);

  it('stores the factors of conv1 -> conv2 under their content key', async () => {
    const input = { modelId: 'alexnet', from: 'conv1', to: 'conv2', centered: false };
    const job = await run(input);
    const result = await getResult<SvdFactorsValue>(store, svdFactorsKey(input));
    expect(job).toMatchObject({ status: 'SUCCEEDED', resultKey: svdFactorsKey(input) });
    expect(result?.jobId).toBe(job.id);
    expect([result?.value.rows, result?.value.cols, result?.value.left.rows, result?.value.right.rows]).toEqual([96, 256, 96, 256]);
    expect(result?.value.backend).toBe('cpu');
  });

  it('stores explained variance that sums to 1 within 1e-9', async () => {
    const input = { modelId: 'alexnet', from: 'conv1', to: 'conv2', centered: true };
    await run(input);
    const value = (await getResult<SvdFactorsValue>(store, svdFactorsKey(input)))!.value;
    expect(value.explainedVariance.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('fails the job naming the unknown model and the known ones', async () => {
    const job = await run({ modelId: 'vgg', from: 'conv1', to: 'conv2', centered: false });
    expect(job.status).toBe('FAILED');
    expect(job.error).toBe("model 'vgg' is not in the store; known models: alexnet, imported");
  });

  it('fails the job naming the model and the layers that do not connect', async () => {
    const job = await run({ modelId: 'alexnet', from: 'conv1', to: 'conv3', centered: false });
    expect(job.error).toMatch(/^model 'alexnet': .*conv1 -> conv3: conv layer conv2 lies between them/);
  });

  it('fails the job naming a weights kind it cannot load', async () => {
    const job = await run({ modelId: 'imported', from: 'conv1', to: 'conv2', centered: false });
    expect(job.error).toBe("model 'imported': weights of kind 'onnx' are not supported by this worker (supported: seeded, checkpoint)");
  });

  it('keeps serving jobs after failures', async () => {
    const job = await run({ modelId: 'alexnet', from: 'conv4', to: 'conv5', centered: false });
    expect(job.status).toBe('SUCCEEDED');
  });
});
