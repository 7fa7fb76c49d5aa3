import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alexnetGraph, modelId } from '@branchscope/core';
import { contentKey, finishJob, insertJob, insertModelsIfAbsent, openStore, putResult, type JobRecord, type ResultRecord } from '@branchscope/store';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createInProcessQueue } from './in-process-queue';
import { checkJobInput, JobInputError } from './job-input-checks';
import type { JobInput, JobKinds, JobValue, KindOf } from './job-kinds';
import type { JobHandler, JobQueue } from './job-queue';
import { readJobResult } from './job-result';
import { SVD_FACTORS_JOB, type SvdFactorsInput, type SvdFactorsValue } from './kinds/svd-factors';
import { RENDER_FEATURES_JOB, type RenderFeaturesInput } from './kinds/render-features';
import { IMPORT_MODEL_JOB, type ImportModelValue } from './kinds/import-model';
import { FETCH_MODEL_JOB } from './kinds/fetch-model';
import { JOB_KINDS } from './kinds/lanes';
import { sampleRenderInput } from './testing/sample-inputs';

describe('JobKinds', () => {
  it('types enqueue, process and values from the one map', () => {
    expectTypeOf<JobInput<typeof SVD_FACTORS_JOB>>().toEqualTypeOf<SvdFactorsInput>();
    expectTypeOf<JobValue<typeof SVD_FACTORS_JOB>>().toEqualTypeOf<SvdFactorsValue>();
    expectTypeOf<JobValue<typeof FETCH_MODEL_JOB>>().toEqualTypeOf<ImportModelValue>();
    expectTypeOf<JobValue<typeof RENDER_FEATURES_JOB>>().toEqualTypeOf<undefined>();
    expectTypeOf<JobQueue['enqueue']>().parameter(0).toEqualTypeOf<KindOf>();
    const typed = (queue: JobQueue): void => {
      expectTypeOf(queue.enqueue(SVD_FACTORS_JOB, { modelId: 'm', from: 'a', to: 'b', centered: false })).resolves.toEqualTypeOf<JobRecord<SvdFactorsInput>>();
      // @ts-expect-error a field missing from an svd-factors input does not compile
      void queue.enqueue(SVD_FACTORS_JOB, { modelId: 'm', from: 'a', to: 'b' });
      // @ts-expect-error a render input is not an svd-factors input
      void queue.enqueue(SVD_FACTORS_JOB, sampleRenderInput());
      // @ts-expect-error a kind the map does not list does not compile
      void queue.enqueue('svd-factor', { modelId: 'm', from: 'a', to: 'b', centered: false });
      queue.process(RENDER_FEATURES_JOB, async ({ input }) => void expectTypeOf(input).toEqualTypeOf<RenderFeaturesInput>());
      const svdHandler: JobHandler<SvdFactorsInput> = async () => undefined;
      // @ts-expect-error an svd-factors handler cannot run render jobs
      queue.process(RENDER_FEATURES_JOB, svdHandler);
    };
    expect(typeof typed).toBe('function');
  });

  it('lists every kind of the map in the lane table', () => {
    expectTypeOf(JOB_KINDS).toEqualTypeOf<readonly KindOf[]>();
    const kinds: Record<keyof JobKinds, true> = {
      'svd-factors': true,
      'weight-images': true,
      'permutation-test': true,
      'render-features': true,
      'render-layer': true,
      clusterability: true,
      'import-model': true,
      'fetch-model': true,
      'dataset-examples': true,
      'specialization-report': true,
    };
    expect([...JOB_KINDS].sort()).toEqual(Object.keys(kinds).sort());
  });
});

describe('checkJobInput', () => {
  it('passes an input that fits its kind, and names the kind and the first field that does not', () => {
    const render = sampleRenderInput();
    expect(checkJobInput(RENDER_FEATURES_JOB, render)).toBe(render);
    expect(() => checkJobInput(RENDER_FEATURES_JOB, { ...render, units: [0, 1.5] })).toThrow(
      new JobInputError(`a 'render-features' job's input field 'units' must be a list of integers, got [0,1.5]`),
    );
    expect(() => checkJobInput(SVD_FACTORS_JOB, { modelId: 'm', from: 'conv1', to: 'conv2' })).toThrow(
      `a 'svd-factors' job's input field 'centered' must be true or false, got nothing`,
    );
    expect(() => checkJobInput(IMPORT_MODEL_JOB, { modelId: 'm', name: 'n', format: 'pt' })).toThrow(
      `a 'import-model' job's input field 'format' must be one of 'onnx', 'tfjs', 'graphdef', got "pt"`,
    );
    expect(() => checkJobInput(SVD_FACTORS_JOB, 'svd')).toThrow(`a 'svd-factors' job's input must be an object of its fields, got "svd"`);
  });

  it('leaves kinds outside the product map unchecked', () => {
    expect(checkJobInput('echo', 3)).toBe(3);
  });
});

describe('queues check inputs', () => {
  it('refuses a bad input at enqueue, and fails a stored job whose input does not fit, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'branchscope-job-kinds-'));
    const store = openStore(join(dir, 'store.db'));
    const queue = createInProcessQueue({ store, onError: () => undefined });
    try {
      let ran = 0;
      queue.process(SVD_FACTORS_JOB, async () => void (ran += 1));
      await expect(queue.enqueue(SVD_FACTORS_JOB, { modelId: 'm', from: 'conv1', to: 7 } as unknown as SvdFactorsInput)).rejects.toThrow(
        `a 'svd-factors' job's input field 'to' must be a string, got 7`,
      );
      // Queued by something outside the types (an older API, a hand-written row): the queue fails it, not the handler.
      const { job } = await insertJob(store, { kind: SVD_FACTORS_JOB, input: { modelId: 'm', from: 'conv1', to: 'conv2', centered: 'no' } });
      await queue.close();
      const again = createInProcessQueue({ store, onError: () => undefined });
      again.process(SVD_FACTORS_JOB, async () => void (ran += 1));
      expect(await again.waitFor(job.id, { timeoutMs: 5000 })).toMatchObject({
        status: 'FAILED',
        error: `a 'svd-factors' job's input field 'centered' must be true or false, got "no"`,
      });
      expect(ran).toBe(0);
      await again.close();
    } finally {
      await queue.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readJobResult', () => {
  it("reads a job's value typed by its kind, and refuses a job of another kind", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'branchscope-job-result-'));
    const store = openStore(join(dir, 'store.db'));
    try {
      await insertModelsIfAbsent(store, [{ id: modelId('alexnet'), name: 'AlexNet', family: 'alexnet', graph: alexnetGraph(), weights: { kind: 'seeded', seed: 1 } }]);
      const { job } = await insertJob(store, { kind: SVD_FACTORS_JOB, input: { modelId: 'alexnet', from: 'conv1', to: 'conv2', centered: false } });
      const value = { rows: 1, cols: 1, centered: false, singularValues: [2], explainedVariance: [1], left: { rows: 1, cols: 1, data: [1] }, right: { rows: 1, cols: 1, data: [1] } };
      const key = contentKey(SVD_FACTORS_JOB, 'alexnet', { n: 1 });
      await putResult(store, { key, kind: SVD_FACTORS_JOB, modelId: modelId('alexnet'), params: {}, value, jobId: job.id });
      const done = await finishJob(store, job.id, { status: 'SUCCEEDED', resultKey: key });
      const read = await readJobResult(store, SVD_FACTORS_JOB, done);
      expectTypeOf(read).toEqualTypeOf<ResultRecord<SvdFactorsValue> | undefined>();
      expect(read?.value.singularValues).toEqual([2]);
      await expect(readJobResult(store, IMPORT_MODEL_JOB, done)).rejects.toThrow(`job ${job.id} is a 'svd-factors' job, not a 'import-model' one`);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
