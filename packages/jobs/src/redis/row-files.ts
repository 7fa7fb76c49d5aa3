import { blobPath, commitStagedBlob, discardStagedBlob, stageBlob, type StagedBlob, type Store } from '@branchscope/store';
import { existsSync } from 'node:fs';
import { JobQueueError } from '../job-queue';
import type { FileParts } from './file-parts';
import type { TableRows } from './table-rows';

/** The column of a row whose bytes lie in a blob file of its store (artifacts over the inline limit). */
export const BLOB_FILE_COLUMN = 'blob_sha256';

/** A store's blob file travelling with the row that points at it: its hash, and where it lies on this machine. */
export class LocalBlobFile {
  constructor(
    readonly sha256: string,
    readonly path: string,
  ) {}
}

/** A blob file sent through Redis with its row, to place in the receiving store's blob folder. */
export class SentBlobFile {
  constructor(
    readonly sha256: string,
    readonly parts: FileParts,
  ) {}
}

/** `rows` of `store` with each blob-file hash replaced by a {@link LocalBlobFile}, so encoding them sends the file. */
export function withBlobFiles(store: Store, rows: TableRows): TableRows {
  const out: TableRows = {};
  for (const [table, list] of Object.entries(rows)) {
    out[table] = list.map((row) => {
      const sha256 = row[BLOB_FILE_COLUMN];
      return typeof sha256 === 'string' ? { ...row, [BLOB_FILE_COLUMN]: new LocalBlobFile(sha256, blobPath(store, sha256)) } : row;
    });
  }
  return out;
}

/**
 * Brings each {@link SentBlobFile} of `rows` into `store`'s blob folder as a staged blob (streamed from Redis and
 * checked against its hash), unless the file is already there, and returns the rows with plain hashes. The caller
 * inserts the rows and commits the staged blobs in one transaction, then discards them (a no-op once committed).
 */
export async function stageSentFiles(store: Store, rows: TableRows): Promise<{ rows: TableRows; staged: StagedBlob[] }> {
  const staged: StagedBlob[] = [];
  const out: TableRows = {};
  try {
    for (const [table, list] of Object.entries(rows)) {
      out[table] = [];
      for (const row of list) {
        const sent = row[BLOB_FILE_COLUMN];
        if (!(sent instanceof SentBlobFile)) {
          out[table].push(row);
          continue;
        }
        if (!existsSync(blobPath(store, sent.sha256))) {
          const blob = await stageBlob(store, sent.parts.readFile(sent.sha256));
          staged.push(blob);
          if (blob.sha256 !== sent.sha256) throw new JobQueueError(`blob file ${sent.sha256} arrived with SHA-256 ${blob.sha256}`);
        }
        out[table].push({ ...row, [BLOB_FILE_COLUMN]: sent.sha256 });
      }
    }
  } catch (error) {
    await discardAll(staged);
    throw error;
  }
  return { rows: out, staged };
}

/** Moves staged blobs into place; run it inside the transaction that inserts their rows. */
export async function commitAll(store: Store, staged: readonly StagedBlob[]): Promise<void> {
  for (const blob of staged) await commitStagedBlob(store, blob);
}

export async function discardAll(staged: readonly StagedBlob[]): Promise<void> {
  for (const blob of staged) await discardStagedBlob(blob);
}
