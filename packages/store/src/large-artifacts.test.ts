import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelId } from '@branchscope/core';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findArtifacts, getArtifact, putArtifact } from './artifacts';
import { blobDir, blobPath, stageBlob } from './blob-files';
import type { ResultKey } from './content-key';
import { findImportedModel, insertImportedModel, type NewImportedModel } from './imported-models';
import { MIGRATIONS, migrate } from './migrations';
import { getModel, insertModelsIfAbsent } from './models';
import { openStore, sqliteOptions, type Store } from './open-store';
import { alexnetModel, tempDir } from './testing/temp-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

/** The limit injected low, so that a few MiB take the blob-file path that real weights of hundreds of MiB take. */
const inlineLimit = 2 ** 20;
const MiB3 = (): Uint8Array => Uint8Array.from({ length: 3 * 2 ** 20 }, (_, i) => (i * 31) % 251);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const hex = (c: string): string => c.repeat(64);
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : []);

function imported(id: string, bytes: NewImportedModel['weights']['bytes'], jobId: string | null = null): NewImportedModel {
  const weightsKey = hex('a') as ResultKey;
  return {
    model: { ...alexnetModel(id), family: 'imported', weights: { kind: 'stored', key: weightsKey } },
    source: { format: 'onnx', fileName: 'vgg16.onnx', bytes: 553_408_822, sha256: hex('b'), importKey: hex('c'), jobId },
    weights: { key: weightsKey, kind: 'model-weights', mediaType: 'application/vnd.branchscope.weights', bytes, meta: {} },
    result: { key: hex('c') as ResultKey, kind: 'import-model', params: {}, value: { modelId: id } },
  };
}

describe.each(STORE_DIALECTS)('artifacts over the inline limit (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
    await insertModelsIfAbsent(store, [alexnetModel()]);
  });

  it('live in a blob file named by their hash; the row holds the hash, and reads find the bytes there', async () => {
    const bytes = MiB3();
    const key = hex('d') as ResultKey;
    await putArtifact(store, { key, kind: 'x', modelId: modelId('alexnet'), mediaType: 'application/octet-stream', bytes, meta: {}, jobId: null }, { inlineLimit });
    const row = await store.db.selectFrom('artifacts').select(['bytes', 'size', 'blob_sha256']).executeTakeFirst();
    expect(row).toEqual({ bytes: null, size: bytes.byteLength, blob_sha256: sha(bytes) });
    expect(readFileSync(blobPath(store, sha(bytes))).equals(bytes)).toBe(true);
    expect(Buffer.from((await getArtifact(store, key))!.bytes).equals(bytes)).toBe(true);
    expect((await findArtifacts(store, [key])).get(key)).toMatchObject({ size: bytes.byteLength, file: blobPath(store, sha(bytes)) });
  });

  it('stay in the row up to the limit, with no file', async () => {
    const key = hex('e') as ResultKey;
    await putArtifact(store, { key, kind: 'x', modelId: modelId('alexnet'), mediaType: 'image/png', bytes: new Uint8Array(inlineLimit), meta: {}, jobId: null }, { inlineLimit });
    expect((await findArtifacts(store, [key])).get(key)?.file).toBeNull();
    expect(filesUnder(join(blobDir(store), 'sha256'))).toEqual([]);
  });

  it('store an imported model whose weights were streamed to a staged file, moving the file into place', async () => {
    const bytes = MiB3();
    const staged = await stageBlob(store, [bytes.subarray(0, 1000), bytes.subarray(1000)]);
    expect((await insertImportedModel(store, imported('vgg-1', staged), { inlineLimit })).inserted).toBe(true);
    expect(Buffer.from((await getArtifact(store, hex('a')))!.bytes).equals(bytes)).toBe(true);
    expect(filesUnder(join(blobDir(store), 'tmp'))).toEqual([]);
  });

  it('keep a small staged file in the row and remove the file', async () => {
    const staged = await stageBlob(store, [new Uint8Array([1, 2, 3])]);
    await insertImportedModel(store, imported('tiny-1', staged), { inlineLimit });
    expect((await findArtifacts(store, [hex('a')])).get(hex('a'))?.file).toBeNull();
    expect(filesUnder(blobDir(store))).toEqual([]);
  });

  it('leave no row, no blob file and no temp file when the import transaction fails', async () => {
    const staged = await stageBlob(store, [MiB3()]);
    // The source names a job that does not exist: the foreign key fails after the model row was written.
    await expect(insertImportedModel(store, imported('vgg-1', staged, 'no-such-job'), { inlineLimit })).rejects.toThrow(/FOREIGN KEY|violates foreign key constraint/);
    expect(await getModel(store, 'vgg-1')).toBeUndefined();
    expect(await getArtifact(store, hex('a'))).toBeUndefined();
    expect(filesUnder(blobDir(store))).toEqual([]);
  });

  it('drop the staged file of an import already stored under the same key', async () => {
    await insertImportedModel(store, imported('vgg-1', await stageBlob(store, [MiB3()])), { inlineLimit });
    const again = await insertImportedModel(store, imported('vgg-2', await stageBlob(store, [MiB3()])), { inlineLimit });
    expect(again.inserted).toBe(false);
    expect((await findImportedModel(store, hex('c')))?.model.id).toBe('vgg-1');
    expect(filesUnder(join(blobDir(store), 'tmp'))).toEqual([]);
    expect(filesUnder(join(blobDir(store), 'sha256'))).toHaveLength(1);
  });

  it('name the file when the row points at a blob file that is gone', async () => {
    const bytes = MiB3();
    await insertImportedModel(store, imported('vgg-1', bytes), { inlineLimit });
    const { rmSync } = await import('node:fs');
    rmSync(blobPath(store, sha(bytes)));
    await expect(getArtifact(store, hex('a'))).rejects.toThrow(`its blob file ${blobPath(store, sha(bytes))} cannot be read (ENOENT)`);
  });
});

describe('migration 6 (large artifacts in blob files)', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('keeps the inline rows of a version 5 file readable, and its constraints refuse a row with both or neither', async () => {
    const path = join(temp.dir, 'v5.db');
    const old = new BetterSqlite3(path, sqliteOptions());
    migrate(old, path, MIGRATIONS.filter((m) => m.version <= 5));
    old.prepare("INSERT INTO models VALUES ('m', 'M', 'imported', '{}', '{}', 'then')").run();
    old.prepare("INSERT INTO artifacts VALUES ('k', 'model-weights', 'm', 'application/octet-stream', ?, 3, '{}', NULL, 'then')").run(Buffer.from([7, 8, 9]));
    old.close();
    const store = openStore(path);
    try {
      expect(store.schemaVersion).toBeGreaterThanOrEqual(6);
      expect(Array.from((await getArtifact(store, 'k'))!.bytes)).toEqual([7, 8, 9]);
      expect((await findArtifacts(store, ['k'])).get('k')?.file).toBeNull();
    } finally {
      await store.close();
    }
    const db = new BetterSqlite3(path, sqliteOptions());
    try {
      const insert = db.prepare("INSERT INTO artifacts (key, kind, model_id, media_type, bytes, size, meta, created_at, blob_sha256) VALUES (?, 'x', 'm', 'x', ?, ?, '{}', 'now', ?)");
      expect(() => insert.run('both', Buffer.from([1]), 1, hex('a'))).toThrow(/CHECK constraint failed/);
      expect(() => insert.run('neither', null, 1, null)).toThrow(/CHECK constraint failed/);
      expect(() => insert.run('not-hex', null, 1, 'Z'.repeat(64))).toThrow(/CHECK constraint failed/);
      insert.run('file', null, 5, hex('a'));
      expect(db.prepare("SELECT size FROM artifacts WHERE key = 'file'").get()).toEqual({ size: 5 });
    } finally {
      db.close();
    }
  });
});
