import { readFile } from 'node:fs/promises';
import type { ModelId } from '@branchscope/core';
import { contentColumns, insertArtifactRow, prepareBytes, releaseBytes, type ArtifactWriteOptions } from './artifact-content';
import { blobPath } from './blob-files';
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

/** `createdAt`: when it was computed, now by default (a Redis worker's values are stored with their own time). */
export type NewArtifact<M = unknown> = Omit<ArtifactRecord<M>, 'createdAt'> & { createdAt?: string };

/** An artifact without its bytes, for listings. */
export type ArtifactInfo<M = unknown> = Omit<ArtifactRecord<M>, 'bytes'> & {
  size: number;
  /** The blob file holding the bytes (artifacts over the inline limit), to stream; null when the row holds them. */
  file: string | null;
};

/**
 * Stores an artifact. Artifacts are content-addressed, so when the key is already stored the first row is kept:
 * a recomputation never overwrites it. Returns whether this call inserted it. Bytes over the inline limit go to a
 * blob file (written to a temp name, moved into place inside the row's transaction). Rejects metadata JSON cannot
 * hold faithfully, empty bytes and artifacts of models that are not stored.
 */
export async function putArtifact<M>(store: Store, artifact: NewArtifact<M>, options: ArtifactWriteOptions = {}): Promise<{ inserted: boolean }> {
  const what = `artifact ${artifact.key} (${artifact.kind})`;
  if (!(artifact.bytes instanceof Uint8Array) || artifact.bytes.length === 0) throw new StoreError(`cannot store ${what}: it has no bytes`);
  if (artifact.createdAt !== undefined && Number.isNaN(Date.parse(artifact.createdAt))) throw new StoreError(`cannot store ${what}: createdAt '${artifact.createdAt}' is not a date`);
  const meta = toJsonColumn(artifact.meta, `${what} meta`);
  const prepared = await prepareBytes(store, artifact.bytes, what, options);
  const row: ArtifactsTable = {
    key: artifact.key,
    kind: artifact.kind,
    model_id: artifact.modelId,
    media_type: artifact.mediaType,
    ...contentColumns(prepared),
    meta,
    job_id: artifact.jobId,
    created_at: artifact.createdAt ?? new Date().toISOString(),
  };
  try {
    return await store.db.transaction().execute(async (trx) => {
      const model = await trx.selectFrom('models').select('id').where('id', '=', artifact.modelId).executeTakeFirst();
      if (!model) throw new StoreError(`cannot store ${what}: model '${artifact.modelId}' is not stored`);
      return { inserted: await insertArtifactRow(store, trx, row, prepared) };
    });
  } finally {
    await releaseBytes(prepared);
  }
}

/** The artifact stored under `key`, bytes included (read from its blob file when it has one), or undefined. */
export async function getArtifact<M = unknown>(store: Store, key: string): Promise<ArtifactRecord<M> | undefined> {
  const row = await store.db.selectFrom('artifacts').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  const { size: _size, file, ...info } = infoFromRow<M>(store, row);
  const bytes = row.bytes ?? (await readBlobFile(file!, row.key));
  return { ...info, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

async function readBlobFile(file: string, key: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new StoreError(`artifact ${key}: its blob file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
}

/** The artifacts stored under any of `keys`, without their bytes, by key; absent keys are left out. */
export async function findArtifacts<M = unknown>(store: Store, keys: readonly string[]): Promise<Map<string, ArtifactInfo<M>>> {
  const found = new Map<string, ArtifactInfo<M>>();
  // SQLite limits bound parameters per statement; 500 keys at a time stays far below it.
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await store.db
      .selectFrom('artifacts')
      .select(['key', 'kind', 'model_id', 'media_type', 'size', 'meta', 'job_id', 'created_at', 'blob_sha256'])
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.key, infoFromRow<M>(store, row));
  }
  return found;
}

function infoFromRow<M>(store: Store, row: Omit<ArtifactsTable, 'bytes'>): ArtifactInfo<M> {
  return {
    key: row.key as ResultKey,
    kind: row.kind,
    modelId: row.model_id as ModelId,
    mediaType: row.media_type,
    size: row.size,
    meta: fromJsonColumn<M>(row.meta, `artifact ${row.key} meta`),
    jobId: row.job_id,
    createdAt: row.created_at,
    file: row.blob_sha256 === null ? null : blobPath(store, row.blob_sha256),
  };
}
