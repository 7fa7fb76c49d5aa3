import { readFile } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import { commitStagedBlob, discardStagedBlob, stageBlob, type StagedBlob } from './blob-files';
import type { Store } from './open-store';
import type { ArtifactsTable, StoreSchema } from './schema';
import { StoreError } from './store-error';

/** Artifacts up to this many bytes are kept in their database row; larger ones in a blob file. */
export const DEFAULT_INLINE_LIMIT = 16 * 2 ** 20;

export interface ArtifactWriteOptions {
  /** Largest artifact kept in its row, in bytes; larger ones go to a blob file. Default {@link DEFAULT_INLINE_LIMIT}. */
  inlineLimit?: number;
}

/** An artifact's bytes as given: in memory, or already written to a staged blob file (streamed there). */
export type ArtifactBytes = Uint8Array | StagedBlob;

/** The bytes ready for the row: inline, or a staged blob file to move into place with the row. */
export type PreparedBytes = { inline: Buffer; staged?: undefined } | { inline?: undefined; staged: StagedBlob };

const isStaged = (bytes: ArtifactBytes): bytes is StagedBlob => !(bytes instanceof Uint8Array);

/**
 * Puts the bytes where their size says: up to the inline limit in the row (a staged file that small is read back
 * and dropped), above it in a staged blob file (bytes given in memory are written to one first).
 * @throws StoreError naming `what` when there are no bytes.
 */
export async function prepareBytes(store: Store, bytes: ArtifactBytes, what: string, options: ArtifactWriteOptions = {}): Promise<PreparedBytes> {
  const limit = options.inlineLimit ?? DEFAULT_INLINE_LIMIT;
  const size = isStaged(bytes) ? bytes.size : bytes.byteLength;
  if (size === 0) {
    if (isStaged(bytes)) await discardStagedBlob(bytes);
    throw new StoreError(`cannot store ${what}: it has no bytes`);
  }
  if (!isStaged(bytes)) return size <= limit ? { inline: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) } : { staged: await stageBlob(store, [bytes]) };
  if (size > limit) return { staged: bytes };
  try {
    return { inline: await readFile(bytes.tempPath) };
  } finally {
    await discardStagedBlob(bytes);
  }
}

/** The row's columns that say where its bytes are. */
export function contentColumns(prepared: PreparedBytes): Pick<ArtifactsTable, 'bytes' | 'blob_sha256' | 'size'> {
  if (prepared.staged) return { bytes: null, blob_sha256: prepared.staged.sha256, size: prepared.staged.size };
  return { bytes: prepared.inline, blob_sha256: null, size: prepared.inline.byteLength };
}

/**
 * Inserts an artifact row in `trx` (the first row for a key is kept) and, when this call inserted it and its bytes
 * are a staged file, moves the file into place inside the transaction: a failed move rolls the row back. Returns
 * whether the row was inserted.
 */
export async function insertArtifactRow(store: Store, trx: Transaction<StoreSchema>, row: ArtifactsTable, prepared: PreparedBytes): Promise<boolean> {
  const result = await trx.insertInto('artifacts').values(row).onConflict((c) => c.column('key').doNothing()).executeTakeFirst();
  const inserted = (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  if (inserted && prepared.staged) await commitStagedBlob(store, prepared.staged);
  return inserted;
}

/** Drops a staged file that did not become stored; nothing to do once it was moved into place, or for inline bytes. */
export async function releaseBytes(prepared: PreparedBytes): Promise<void> {
  if (prepared.staged) await discardStagedBlob(prepared.staged);
}
