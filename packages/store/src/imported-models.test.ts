import { join } from 'node:path';
import { modelId } from '@branchscope/core';
import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { getArtifact } from './artifacts';
import type { ResultKey } from './content-key';
import { findImportedModel, getModelSource, insertImportedModel, type NewImportedModel } from './imported-models';
import { MIGRATIONS, migrate } from './migrations';
import { getModel, insertModelsIfAbsent, listModels } from './models';
import { openStore, sqliteOptions, type Store } from './open-store';
import { getResult } from './results';
import { alexnetModel, tempDir } from './testing/temp-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

const hex = (c: string): string => c.repeat(64);

function imported(id: string, importKey: string, overrides: Partial<NewImportedModel['source']> = {}): NewImportedModel {
  const weightsKey = hex('a') as ResultKey;
  return {
    model: { ...alexnetModel(id), name: 'Imported AlexNet', family: 'imported', weights: { kind: 'stored', key: weightsKey } },
    source: { format: 'onnx', fileName: 'bvlcalexnet.onnx', bytes: 1234, sha256: hex('b'), importKey, jobId: null, ...overrides },
    weights: { key: weightsKey, kind: 'model-weights', mediaType: 'application/x-branchscope-weights', bytes: new Uint8Array([1, 2, 3, 4]), meta: { layers: 8 } },
    result: { key: importKey as ResultKey, kind: 'import-model', params: { sha256: hex('b') }, value: { modelId: id } },
  };
}

describe.each(STORE_DIALECTS)('imported models (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
  });

  it('stores the model, its source, its weights blob and the import result together', async () => {
    const { inserted, source } = await insertImportedModel(store, imported('alex-1', hex('c')));
    expect(inserted).toBe(true);
    expect((await getModel(store, 'alex-1'))?.weights).toEqual({ kind: 'stored', key: hex('a') });
    expect(Array.from((await getArtifact(store, hex('a')))!.bytes)).toEqual([1, 2, 3, 4]);
    expect(await getModelSource(store, 'alex-1')).toEqual(source);
    expect(source).toMatchObject({ modelId: 'alex-1', format: 'onnx', fileName: 'bvlcalexnet.onnx', bytes: 1234, sha256: hex('b') });
    expect((await getResult(store, hex('c')))?.value).toEqual({ modelId: 'alex-1' });
  });

  it('returns the model already imported under the same import key and writes nothing', async () => {
    await insertImportedModel(store, imported('alex-1', hex('c')));
    const again = await insertImportedModel(store, imported('alex-2', hex('c')));
    expect(again.inserted).toBe(false);
    expect(again.model.id).toBe('alex-1');
    expect(await getModel(store, 'alex-2')).toBeUndefined();
    expect((await findImportedModel(store, hex('c')))?.model.id).toBe('alex-1');
  });

  it('leaves nothing stored when a write inside the transaction fails', async () => {
    // The source names a job that does not exist: the foreign key fails after the model row was written.
    await expect(insertImportedModel(store, imported('alex-1', hex('c'), { jobId: 'no-such-job' }))).rejects.toThrow(/FOREIGN KEY|violates foreign key constraint/);
    expect(await getModel(store, 'alex-1')).toBeUndefined();
    expect(await getArtifact(store, hex('a'))).toBeUndefined();
    expect(await getResult(store, hex('c'))).toBeUndefined();
    expect(await listModels(store)).toEqual([]);
  });

  it('refuses an id another model already has, naming it', async () => {
    await insertModelsIfAbsent(store, [alexnetModel('alexnet')]);
    await expect(insertImportedModel(store, imported('alexnet', hex('c')))).rejects.toThrow("imported model 'alexnet': a model with this id is already stored");
    expect(await getModelSource(store, 'alexnet')).toBeUndefined();
  });

  it('refuses weights whose descriptor does not point at the stored blob', async () => {
    const bad = imported('alex-1', hex('c'));
    bad.model.weights = { kind: 'seeded', seed: 1 };
    await expect(insertImportedModel(store, bad)).rejects.toThrow(`its weights descriptor must be { kind: 'stored', key: '${hex('a')}' }`);
  });

  it('has no source for a built-in model', async () => {
    await insertModelsIfAbsent(store, [{ ...alexnetModel(), id: modelId('alexnet') }]);
    expect(await getModelSource(store, 'alexnet')).toBeUndefined();
  });

  it.runIf(dialect === 'sqlite')('brings a version 3 file to the model_sources table, one model per import key', async () => {
    const temp = tempDir();
    const path = join(temp.dir, 'v3.db');
    const raw = new BetterSqlite3(path, sqliteOptions());
    migrate(raw, path, MIGRATIONS.filter((m) => m.version <= 3));
    raw.close();
    const upgraded = openStore(path);
    try {
      await insertImportedModel(upgraded, imported('alex-1', hex('c')));
      expect((await getModelSource(upgraded, 'alex-1'))?.importKey).toBe(hex('c'));
    } finally {
      await upgraded.close();
    }
    const check = new BetterSqlite3(path, sqliteOptions());
    try {
      const insert = check.prepare("INSERT INTO model_sources VALUES ('alex-1', 'onnx', 'f', 1, ?, ?, NULL, 'now')");
      expect(() => insert.run(hex('b'), hex('c'))).toThrow(/UNIQUE constraint failed/);
    } finally {
      check.close();
      temp.remove();
    }
  });
});
