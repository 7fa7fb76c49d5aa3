import { alexnetGraph, modelId } from '@branchscope/core';
import { contentKey, getArtifact, getResult, insertModelsIfAbsent, openStore, type Store } from '@branchscope/store';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeJobData } from './store-job-data';

describe('storeJobData', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-job-data-'));
    store = openStore(join(dir, 'store.db'));
    await insertModelsIfAbsent(store, [{ id: modelId('alexnet'), name: 'AlexNet', family: 'alexnet', graph: alexnetGraph(), weights: { kind: 'seeded', seed: 1 } }]);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the model, or fails naming the id and the models there are', async () => {
    const { reads } = storeJobData(store);
    expect((await reads.requireModel('alexnet')).graph.nodes.length).toBe(alexnetGraph().nodes.length);
    await expect(reads.requireModel('nope')).rejects.toThrow("model 'nope' is not in the store; known models: alexnet");
  });

  it('writes artifacts and results that read back as stored, and a small imported weights blob as bytes, a large one as a file', async () => {
    const { reads, writes } = storeJobData(store);
    const png = contentKey('png', 'alexnet', { unit: 1 });
    const result = contentKey('sum', 'alexnet', {});
    expect(await reads.storedArtifacts([png])).toEqual(new Set());
    await writes.putArtifact({ key: png, kind: 'png', modelId: modelId('alexnet'), mediaType: 'image/png', bytes: Uint8Array.of(1, 2, 3), meta: {}, jobId: null });
    await writes.putResult({ key: result, kind: 'sum', modelId: modelId('alexnet'), params: {}, value: { n: 7 }, jobId: null });
    expect(await reads.storedArtifacts([png, result])).toEqual(new Set([png]));
    expect(await reads.resultValue(result)).toEqual({ n: 7 });
    expect(await reads.resultValue(contentKey('sum', 'alexnet', { other: true }))).toBeUndefined();
    expect([...(await getArtifact(store, png))!.bytes]).toEqual([1, 2, 3]);
    expect((await getResult(store, result))?.value).toEqual({ n: 7 });

    const weightsKey = contentKey('weights', 'imported', {});
    const blob = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 256);
    expect(await reads.hasImportedModel('import-1')).toBe(false);
    await writes.putImportedModel(
      {
        model: { id: modelId('imported'), name: 'Imported', family: 'imported', graph: alexnetGraph(), weights: { kind: 'stored', key: weightsKey } },
        source: { format: 'onnx', fileName: 'm.onnx', bytes: 10, sha256: 'a'.repeat(64), importKey: 'import-1', jobId: null },
        weights: { key: weightsKey, kind: 'weights', mediaType: 'application/octet-stream', bytes: await writes.stageBlob([blob]), meta: {} },
        result: { key: contentKey('import', 'imported', {}), kind: 'import', params: {}, value: {} },
      },
      { inlineLimit: 1000 },
    );
    expect(await reads.hasImportedModel('import-1')).toBe(true);
    const weights = await reads.weightsBlob(weightsKey);
    expect(weights && 'file' in weights && readFileSync(weights.file).equals(Buffer.from(blob))).toBe(true);
    expect(await reads.weightsBlob(png)).toEqual({ bytes: Uint8Array.of(1, 2, 3) });
    expect(await reads.weightsBlob(contentKey('weights', 'none', {}))).toBeUndefined();
  });
});
