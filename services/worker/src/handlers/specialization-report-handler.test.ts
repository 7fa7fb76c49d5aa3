import { modelId, smallAlexnetGraph } from '@branchscope/core';
import { SPECIALIZATION_REPORT_JOB, specializationReportKey, type JobQueue, type SpecializationReportValue } from '@branchscope/jobs';
import { getResult, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHandlerQueue, type HandlerQueue } from './testing/handler-queue';

describe('specialization-report handler', () => {
  let store: Store;
  let queue: JobQueue;
  let fixture: HandlerQueue | undefined;
  beforeAll(async () => {
    const graph = smallAlexnetGraph({ branches: 2 });
    fixture = await openHandlerQueue([{ id: modelId('small-alexnet-2b'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }]);
    ({ store, queue } = fixture);
  });
  afterAll(() => fixture?.close());

  const run = async (layers: string[]) => queue.waitFor((await queue.enqueue(SPECIALIZATION_REPORT_JOB, { modelId: 'small-alexnet-2b', layers })).id);

  it("stores the report of the first layer, split by conv2's groups, saying the weights are seeded random", async () => {
    const job = await run([]);
    const key = specializationReportKey({ modelId: 'small-alexnet-2b', layers: [] });
    expect(job).toMatchObject({ status: 'SUCCEEDED', resultKey: key });
    const report = (await getResult<SpecializationReportValue>(store, key))!.value;
    expect(report.weights).toBe('seeded-random');
    expect(report.weightsStatement).toMatch(/seeded random \(seed 1\)/);
    const [conv1] = report.layers;
    expect([conv1!.layer, conv1!.units, conv1!.branches!.ranges.length, conv1!.next]).toEqual(['conv1', 32, 2, 'conv2']);
    expect(conv1!.color!.colorIndices.every(Number.isFinite)).toBe(true);
    expect(['none', 'partial', 'split']).toContain(conv1!.branchTest!.colorVerdict);
  });

  it('fails naming a layer the model does not have', async () => {
    const job = await run(['conv9']);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/no layer 'conv9'/);
  });
});
