import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelId } from '@branchscope/core';
import { createInProcessQueue, digestModelSource, importModelInput, IMPORT_MODEL_JOB, type ImportModelInput, type JobQueue, storeJobData } from '@branchscope/jobs';
import { importOnnx } from '@branchscope/model-import';
import { smallAlexnetOnnx } from '@branchscope/model-import/testing';
import { blobDir, findArtifacts, getModel, insertModelsIfAbsent, openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelWeights } from '../load-model-weights';
import { importModelHandler } from './import-model-handler';

/** Files under `dir`, recursively (none when it does not exist). */
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : []);

/**
 * The import path of weights too large for a database value (VGG-16's 553 MB), exercised on a 1.6 MB model with the
 * inline limit injected at 64 KiB.
 */
describe('import-model handler, weights in a blob file', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  const onnxBytes = smallAlexnetOnnx(5);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-import-blob-'));
    store = openStore(join(dir, 'store.db'));
    queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
    queue.process(IMPORT_MODEL_JOB, importModelHandler({ data: storeJobData(store), inlineLimit: 64 * 1024 }));
    writeFileSync(join(dir, 'alexnet.onnx'), onnxBytes);
    writeFileSync(join(dir, 'other.onnx'), smallAlexnetOnnx(6));
  });
  afterAll(async () => {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const inputFor = async (file: string, name = `test ${file}`): Promise<ImportModelInput> => importModelInput({ name, format: 'onnx' }, await digestModelSource('onnx', join(dir, file)));
  const run = async (input: ImportModelInput) => queue.waitFor((await queue.enqueue(IMPORT_MODEL_JOB, input, { dedupeKey: input.importKey })).id);

  it('streams the weights to a blob file beside the database, which the worker reads back bit for bit', async () => {
    const input = await inputFor('alexnet.onnx');
    expect((await run(input)).status).toBe('SUCCEEDED');
    const model = (await getModel(store, input.modelId))!;
    const key = (model.weights as { kind: string; key?: unknown }).key as string;
    const info = (await findArtifacts(store, [key])).get(key)!;
    expect(info.file).toMatch(new RegExp(`^${blobDir(store)}/sha256/[0-9a-f]{2}/[0-9a-f]{62}$`));
    expect(existsSync(info.file!)).toBe(true);
    expect(filesUnder(join(blobDir(store), 'tmp'))).toEqual([]);
    const stored = await loadModelWeights(storeJobData(store).reads, model);
    const { weights } = importOnnx(onnxBytes);
    const bytesOf = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const layer of ['conv1', 'conv2', 'conv5']) expect(bytesOf(stored.conv(layer).data).equals(bytesOf(weights.conv(layer).data)), layer).toBe(true);
    expect(bytesOf(stored.dense('fc7').data).equals(bytesOf(weights.dense('fc7').data))).toBe(true);
  });

  it('leaves no blob file and no temp file when the store refuses the model after its weights were staged', async () => {
    const before = filesUnder(blobDir(store));
    const input = await inputFor('other.onnx', 'taken');
    // Another model already has the id this import would get: the transaction fails after the blob was staged.
    await insertModelsIfAbsent(store, [{ id: modelId(input.modelId), name: 'taken', family: 'alexnet', graph: (await getModel(store, (await inputFor('alexnet.onnx')).modelId))!.graph, weights: { kind: 'seeded', seed: 1 } }]);
    const job = await run(input);
    expect(job.status).toBe('FAILED');
    expect(job.error).toContain('a model with this id is already stored');
    expect(filesUnder(blobDir(store))).toEqual(before);
  });
});
