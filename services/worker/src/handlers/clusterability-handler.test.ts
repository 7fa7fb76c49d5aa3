import { modelId, smallAlexnetGraph } from '@branchscope/core';
import {
  clusterabilityKey,
  CLUSTERABILITY_JOB,
  type ClusterabilityInput,
  type ClusterabilityValue,
  type JobQueue,
} from '@branchscope/jobs';
import { getResult, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHandlerQueue, type HandlerQueue } from './testing/handler-queue';

describe('clusterability handler', () => {
  let store: Store;
  let queue: JobQueue;
  let fixture: HandlerQueue | undefined;
  beforeAll(async () => {
    const graph = smallAlexnetGraph({ branches: 2 });
    fixture = await openHandlerQueue([{ id: modelId('small-alexnet-2b'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }]);
    ({ store, queue } = fixture);
  });
  afterAll(() => fixture?.close());

  const run = async (input: ClusterabilityInput) => queue.waitFor((await queue.enqueue(CLUSTERABILITY_JOB, input)).id);
  const input: ClusterabilityInput = { modelId: 'small-alexnet-2b', layers: ['conv1', 'conv2'], k: 2, shuffles: 10, seed: 0 };

  it('finds the two groups of a grouped conv as the two clusters, with n-cut 0 and the smallest p', async () => {
    const job = await run(input);
    const value = (await getResult<ClusterabilityValue>(store, clusterabilityKey(input)))!.value;
    expect(job).toMatchObject({ status: 'SUCCEEDED', resultKey: clusterabilityKey(input) });
    expect(value.layerSizes).toEqual([32, 64]);
    const [conv1, conv2] = value.clustersByLayer;
    // conv1 units 0-15 feed conv2's first group (units 0-31); the two groups share no edge.
    expect(new Set([...conv1!.slice(0, 16), ...conv2!.slice(0, 32)]).size).toBe(1);
    expect(new Set([...conv1!.slice(16), ...conv2!.slice(32)]).size).toBe(1);
    expect(conv1![0]).not.toBe(conv1![16]);
    expect(value.observedNCut).toBeLessThan(1e-9);
    expect(value.p).toBeCloseTo(1 / 11, 12);
    expect(value.shuffledNCuts).toHaveLength(10);
    expect(value.zScore).toBeLessThan(0);
    expect(value.warnings).toEqual([]);
  });

  it('fails the job naming the model and the layers that do not connect', async () => {
    const job = await run({ ...input, layers: ['conv1', 'conv3'] });
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/^model 'small-alexnet-2b': .*conv1 -> conv3/);
  });
});
