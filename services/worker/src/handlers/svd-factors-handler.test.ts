import { alexnetGraph, modelId } from '@branchscope/core';
import { svdFactorsKey, SVD_FACTORS_JOB, type JobQueue, type SvdFactorsValue } from '@branchscope/jobs';
import { getResult, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHandlerQueue, type HandlerQueue } from './testing/handler-queue';

describe('svd-factors handler', () => {
  let store: Store;
  let queue: JobQueue;
  let fixture: HandlerQueue | undefined;
  beforeAll(async () => {
    const graph = alexnetGraph();
    fixture = await openHandlerQueue([
      { id: modelId('alexnet'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } },
      { id: modelId('imported'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'onnx', file: 'x.onnx' } },
    ]);
    ({ store, queue } = fixture);
  });
  afterAll(() => fixture?.close());

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
