import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelId, smallAlexnetGraph } from '@branchscope/core';
import { createInProcessQueue, SPECIALIZATION_REPORT_JOB, specializationReportKey, type JobQueue, type SpecializationReportValue, storeJobData } from '@branchscope/jobs';
import { getResult, insertModelsIfAbsent, openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHandlers } from '../register-handlers';

describe('specialization-report handler', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-worker-'));
    store = openStore(join(dir, 'store.db'));
    const graph = smallAlexnetGraph({ branches: 2 });
    await insertModelsIfAbsent(store, [{ id: modelId('small-alexnet-2b'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }]);
    queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
    registerHandlers(queue, { data: storeJobData(store), backend: 'cpu' });
  });
  afterAll(async () => {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

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
