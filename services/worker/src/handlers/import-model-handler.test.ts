import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createInProcessQueue,
  digestModelSource,
  importModelInput,
  svdFactorsKey,
  IMPORT_MODEL_JOB,
  SVD_FACTORS_JOB,
  type ImportModelInput,
  type ImportModelValue,
  type JobQueue,
  type ModelFormat,
  type SvdFactorsValue,
  storeJobData,
} from '@branchscope/jobs';
import { importOnnx } from '@branchscope/model-import';
import { smallAlexnetOnnx, smallGatedOnnx, writeKerasFolder } from '@branchscope/model-import/testing';
import { getModel, getModelSource, getResult, listModels, openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelWeights } from '../load-model-weights';
import { registerHandlers } from '../register-handlers';

describe('import-model handler', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  const onnxBytes = smallAlexnetOnnx();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-import-'));
    store = openStore(join(dir, 'store.db'));
    queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
    registerHandlers(queue, { data: storeJobData(store), backend: 'cpu' });
    writeFileSync(join(dir, 'alexnet.onnx'), onnxBytes);
    writeFileSync(join(dir, 'truncated.onnx'), onnxBytes.subarray(0, 100_000));
    writeFileSync(join(dir, 'gated.onnx'), smallGatedOnnx());
    await writeKerasFolder('inception', join(dir, 'keras-inception'));
  });
  afterAll(async () => {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const inputFor = async (file: string, format: ModelFormat = 'onnx', upload = false): Promise<ImportModelInput> =>
    importModelInput({ name: `test ${file}`, format }, await digestModelSource(format, join(dir, file)), upload);
  const run = async (input: ImportModelInput) => queue.waitFor((await queue.enqueue(IMPORT_MODEL_JOB, input, { dedupeKey: input.importKey })).id);

  it('stores an ONNX model with its grouped blocks, its source and the import result', async () => {
    const input = await inputFor('alexnet.onnx');
    const job = await run(input);
    expect(job).toMatchObject({ status: 'SUCCEEDED', resultKey: input.importKey });
    const model = await getModel(store, input.modelId);
    expect(model?.family).toBe('imported');
    expect(model?.graph.nodes.find((n) => n.name === 'conv2')?.conv?.group).toBe(2);
    expect(await getModelSource(store, input.modelId)).toMatchObject({ format: 'onnx', fileName: 'alexnet.onnx', bytes: onnxBytes.length, jobId: job.id });
    const value = (await getResult<ImportModelValue>(store, input.importKey))!.value;
    expect(value).toMatchObject({ modelId: input.modelId, branchedBlocks: { grouped: 3, concat: 0, residual: 0, gate: 0 } });
  });

  it('stores weights that read back equal to the importer’s, bit for bit', async () => {
    const input = await inputFor('alexnet.onnx');
    await run(input);
    const stored = await loadModelWeights(storeJobData(store).reads, (await getModel(store, input.modelId))!);
    const direct = importOnnx(onnxBytes).weights;
    for (const layer of ['conv1', 'conv2', 'conv5']) expect(stored.conv(layer).data).toEqual(direct.conv(layer).data);
    expect(stored.dense('fc6').data).toEqual(direct.dense('fc6').data);
  });

  it('gives svd-factors of the imported model from its stored weights', async () => {
    const input = await inputFor('alexnet.onnx');
    await run(input);
    const svd = { modelId: input.modelId, from: 'conv1', to: 'conv2', centered: false };
    const job = await queue.waitFor((await queue.enqueue(SVD_FACTORS_JOB, svd)).id);
    expect(job.status).toBe('SUCCEEDED');
    const value = (await getResult<SvdFactorsValue>(store, svdFactorsKey(svd)))!.value;
    expect([value.rows, value.cols]).toEqual([32, 64]);
  });

  it('fails a truncated file with the importer’s code and message, storing nothing', async () => {
    const before = (await listModels(store)).length;
    const input = await inputFor('truncated.onnx');
    const job = await run(input);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/^cannot import 'truncated\.onnx' \(ONNX TRUNCATED\): /);
    expect(await listModels(store)).toHaveLength(before);
    expect(await getModel(store, input.modelId)).toBeUndefined();
  });

  it('fails naming the file when it changed after the job was queued', async () => {
    const file = join(dir, 'changing.onnx');
    // Other weights than alexnet.onnx, so this is not an import already stored.
    writeFileSync(file, smallAlexnetOnnx(2));
    const input = await inputFor('changing.onnx');
    writeFileSync(file, onnxBytes.subarray(0, 10));
    const job = await run(input);
    expect(job.error).toMatch(new RegExp(`^'${file}' changed since the import was queued \\(sha256 [0-9a-f]{64}, expected ${input.sha256}\\); import it again$`));
  });

  it('imports a TF.js layers folder with its two Concat blocks', async () => {
    const input = await inputFor('keras-inception', 'tfjs');
    const job = await run(input);
    expect(job.status).toBe('SUCCEEDED');
    const value = (await getResult<ImportModelValue>(store, input.importKey))!.value;
    expect(value.branchedBlocks).toEqual({ grouped: 0, concat: 2, residual: 0, gate: 0 });
    expect((await getModelSource(store, input.modelId))?.format).toBe('tfjs');
  });

  it('counts squeeze-and-excitation gates among the blocks of a MobileNetV3-style ONNX block', async () => {
    const input = await inputFor('gated.onnx');
    const job = await run(input);
    expect(job.status).toBe('SUCCEEDED');
    const value = (await getResult<ImportModelValue>(store, input.importKey))!.value;
    expect(value.branchedBlocks).toEqual({ grouped: 1, concat: 0, residual: 1, gate: 1 });
  });

  it('removes a staged upload when the job ends, succeeded or failed', async () => {
    writeFileSync(join(dir, 'staged-ok.onnx'), onnxBytes);
    writeFileSync(join(dir, 'staged-bad.onnx'), onnxBytes.subarray(0, 50));
    const ok = await run(await inputFor('staged-ok.onnx', 'onnx', true));
    const bad = await run(await inputFor('staged-bad.onnx', 'onnx', true));
    expect([ok.status, bad.status]).toEqual(['SUCCEEDED', 'FAILED']);
    expect([existsSync(join(dir, 'staged-ok.onnx')), existsSync(join(dir, 'staged-bad.onnx'))]).toEqual([false, false]);
  });

  it('stores no second model when a job runs for an import key already stored', async () => {
    const input = await inputFor('alexnet.onnx');
    await run(input);
    const count = (await listModels(store)).length;
    const again = await run({ ...input, modelId: 'another-id' });
    expect(again).toMatchObject({ status: 'SUCCEEDED', resultKey: input.importKey });
    expect(await listModels(store)).toHaveLength(count);
  });
});
