import { modelId } from '@branchscope/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { findArtifacts, getArtifact, putArtifact, type NewArtifact } from './artifacts';
import { contentKey } from './content-key';
import { insertModelsIfAbsent } from './models';
import type { Store } from './open-store';
import { alexnetModel } from './testing/temp-store';
import { STORE_DIALECTS, testStores } from './testing/test-stores';

const key = contentKey('feature-image', 'digest', { layer: 'conv2', unit: 3 });
const artifact = (bytes: number[], meta: unknown = { unit: 3 }): NewArtifact => ({
  key,
  kind: 'feature-image',
  modelId: modelId('alexnet'),
  mediaType: 'image/png',
  bytes: Uint8Array.from(bytes),
  meta,
  jobId: null,
});

describe.each(STORE_DIALECTS)('artifacts (%s)', (dialect) => {
  const stores = testStores(dialect);
  let store: Store;
  beforeEach(async () => {
    store = await stores.open();
    await insertModelsIfAbsent(store, [alexnetModel()]);
  });

  it('reads back the bytes and metadata stored under a key', async () => {
    expect(await putArtifact(store, artifact([137, 80, 78, 71, 0, 255]))).toEqual({ inserted: true });
    const stored = await getArtifact(store, key);
    expect(Array.from(stored!.bytes)).toEqual([137, 80, 78, 71, 0, 255]);
    expect(stored).toMatchObject({ kind: 'feature-image', mediaType: 'image/png', meta: { unit: 3 }, modelId: 'alexnet' });
  });

  it('stores the time it was computed when given one (by a Redis worker), and refuses one that is not a date', async () => {
    await putArtifact(store, { ...artifact([1]), createdAt: '2026-01-02T03:04:05.006Z' });
    expect((await getArtifact(store, key))?.createdAt).toBe('2026-01-02T03:04:05.006Z');
    await expect(putArtifact(store, { ...artifact([1]), key: contentKey('other', 'digest', {}), createdAt: 'soon' })).rejects.toThrow("createdAt 'soon' is not a date");
  });

  it('keeps the first artifact stored under a key', async () => {
    await putArtifact(store, artifact([1, 2, 3]));
    expect(await putArtifact(store, artifact([9, 9], { unit: 99 }))).toEqual({ inserted: false });
    const stored = await getArtifact(store, key);
    expect(Array.from(stored!.bytes)).toEqual([1, 2, 3]);
    expect(stored!.meta).toEqual({ unit: 3 });
  });

  it('lists stored keys with their size and no bytes, leaving absent keys out', async () => {
    await putArtifact(store, artifact([1, 2, 3, 4]));
    const found = await findArtifacts(store, [key, 'absent']);
    expect([...found.keys()]).toEqual([key]);
    expect(found.get(key)).toMatchObject({ size: 4, meta: { unit: 3 } });
    expect(found.get(key)).not.toHaveProperty('bytes');
  });

  it('returns undefined for a key never stored', async () => {
    expect(await getArtifact(store, 'absent')).toBeUndefined();
  });

  it('rejects an artifact of a model that is not stored, naming the model', async () => {
    await expect(putArtifact(store, { ...artifact([1]), modelId: modelId('vgg') })).rejects.toThrow(
      `cannot store artifact ${key} (feature-image): model 'vgg' is not stored`,
    );
  });

  it('rejects empty bytes and metadata JSON cannot hold, storing nothing', async () => {
    await expect(putArtifact(store, artifact([]))).rejects.toThrow('it has no bytes');
    await expect(putArtifact(store, artifact([1], { trace: [NaN] }))).rejects.toThrow('$.trace[0] is NaN');
    expect(await getArtifact(store, key)).toBeUndefined();
  });
});
