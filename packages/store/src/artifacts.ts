import type { ModelId } from '@branchscope/core';
import type { ResultKey } from './content-key';
import { fromJsonColumn, toJsonColumn } from './json-column';
import type { Store } from './open-store';
import type { ArtifactsTable } from './schema';
import { StoreError } from './store-error';

/** A binary result (a PNG, ...) stored under the content hash of what it was computed from, with JSON metadata. */
export interface ArtifactRecord<M = unknown> {
  key: ResultKey;
  kind: string;
  modelId: ModelId;
  /** e.g. `image/png`. */
  mediaType: string;
  bytes: Uint8Array;
  meta: M;
  jobId: string | null;
  createdAt: string;
}

export type NewArtifact<M = unknown> = Omit<ArtifactRecord<M>, 'createdAt'>;

/** An artifact without its bytes, for listings. */
export type ArtifactInfo<M = unknown> = Omit<ArtifactRecord<M>, 'bytes'> & { size: number };

/**
 * Stores an artifact. Artifacts are content-addressed, so when the key is already stored the first row is kept:
 * a recomputation never overwrites it. Returns whether this call inserted it. Rejects metadata JSON cannot hold
 * faithfully, empty bytes and artifacts of models that are not stored.
 */
export async function putArtifact<M>(store: Store, artifact: NewArtifact<M>): Promise<{ inserted: boolean }> {
  const what = `artifact ${artifact.key} (${artifact.kind})`;
  if (!(artifact.bytes instanceof Uint8Array) || artifact.bytes.length === 0) throw new StoreError(`cannot store ${what}: it has no bytes`);
  const row: ArtifactsTable = {
    key: artifact.key,
    kind: artifact.kind,
    model_id: artifact.modelId,
    media_type: artifact.mediaType,
    bytes: Buffer.from(artifact.bytes.buffer, artifact.bytes.byteOffset, artifact.bytes.byteLength),
    size: artifact.bytes.byteLength,
    meta: toJsonColumn(artifact.meta, `${what} meta`),
    job_id: artifact.jobId,
    created_at: new Date().toISOString(),
  };
  return store.db.transaction().execute(async (trx) => {
    const model = await trx.selectFrom('models').select('id').where('id', '=', artifact.modelId).executeTakeFirst();
    if (!model) throw new StoreError(`cannot store ${what}: model '${artifact.modelId}' is not stored`);
    const result = await trx.insertInto('artifacts').values(row).onConflict((c) => c.column('key').doNothing()).executeTakeFirst();
    return { inserted: (result.numInsertedOrUpdatedRows ?? 0n) > 0n };
  });
}

/** The artifact stored under `key`, bytes included, or undefined. */
export async function getArtifact<M = unknown>(store: Store, key: string): Promise<ArtifactRecord<M> | undefined> {
  const row = await store.db.selectFrom('artifacts').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  const { size: _size, ...info } = infoFromRow<M>(row);
  return { ...info, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
}

/** The artifacts stored under any of `keys`, without their bytes, by key; absent keys are left out. */
export async function findArtifacts<M = unknown>(store: Store, keys: readonly string[]): Promise<Map<string, ArtifactInfo<M>>> {
  const found = new Map<string, ArtifactInfo<M>>();
  // SQLite limits bound parameters per statement; 500 keys at a time stays far below it.
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await store.db
      .selectFrom('artifacts')
      .select(['key', 'kind', 'model_id', 'media_type', 'size', 'meta', 'job_id', 'created_at'])
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.key, infoFromRow<M>(row));
  }
  return found;
}

function infoFromRow<M>(row: Omit<ArtifactsTable, 'bytes'>): ArtifactInfo<M> {
  return {
    key: row.key as ResultKey,
    kind: row.kind,
    modelId: row.model_id as ModelId,
    mediaType: row.media_type,
    size: row.size,
    meta: fromJsonColumn<M>(row.meta, `artifact ${row.key} meta`),
    jobId: row.job_id,
    createdAt: row.created_at,
  };
}
