import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Store } from './open-store';
import { StoreError } from './store-error';

/**
 * Bytes too large for a database value (SQLite refuses a bound blob of about 512 MiB and over) live in files beside
 * the database, named by their SHA-256: `<db file>-blobs/sha256/ab/cdef…`. A row that points at one holds its hash;
 * a file no row points at is not stored, whatever is on disk.
 */

/** One process-wide folder for the blobs of in-memory stores (a Redis worker's scratch stores share it), removed at exit. */
let memoryBlobDir: string | undefined;
const MEMORY_BLOBS = 'branchscope-memory-blobs-';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the in-memory blob folders of processes that ended without their exit handler (killed, crashed). */
function removeOrphanedMemoryBlobs(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^branchscope-memory-blobs-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** The blob folder of `store`: `<db file>-blobs` beside a database file; a temp folder for `:memory:` stores. */
export function blobDir(store: Pick<Store, 'path'>): string {
  if (store.path !== ':memory:') return `${store.path}-blobs`;
  if (!memoryBlobDir) {
    removeOrphanedMemoryBlobs();
    const dir = mkdtempSync(path.join(tmpdir(), `${MEMORY_BLOBS}${process.pid}-`));
    memoryBlobDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return memoryBlobDir;
}

const isSha256 = (sha256: string): boolean => /^[0-9a-f]{64}$/.test(sha256);

/** Where the blob with this SHA-256 (hex) lies in `store`'s blob folder, whether or not it is there. */
export function blobPath(store: Pick<Store, 'path'>, sha256: string): string {
  if (!isSha256(sha256)) throw new StoreError(`'${sha256}' is not a SHA-256 in hex: no blob file is named by it`);
  return path.join(blobDir(store), 'sha256', sha256.slice(0, 2), sha256.slice(2));
}

/** Bytes written to a temp file in a store's blob folder, not yet stored: commit or discard it. */
export interface StagedBlob {
  readonly sha256: string;
  readonly size: number;
  /** The temp file (`<blobs>/tmp/<uuid>.partial`), on the same file system as its final place. */
  readonly tempPath: string;
  /** The store's blob folder it was written in. */
  readonly dir: string;
}

/**
 * Writes `chunks` to a temp file in `store`'s blob folder, hashing them as they go, and flushes it to disk. Only one
 * chunk is held at a time. On failure the temp file is removed and the error rethrown.
 */
export async function stageBlob(store: Pick<Store, 'path'>, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<StagedBlob> {
  const dir = blobDir(store);
  await mkdir(path.join(dir, 'tmp'), { recursive: true });
  const tempPath = path.join(dir, 'tmp', `${randomUUID()}.partial`);
  const hash = createHash('sha256');
  let size = 0;
  const file = await open(tempPath, 'wx');
  try {
    for await (const chunk of chunks) {
      hash.update(chunk);
      for (let offset = 0; offset < chunk.byteLength; ) {
        // One write call takes at most 2 GiB; a gigabyte at a time.
        const { bytesWritten } = await file.write(chunk, offset, Math.min(chunk.byteLength - offset, 2 ** 30));
        offset += bytesWritten;
      }
      size += chunk.byteLength;
    }
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
  await file.close();
  return { sha256: hash.digest('hex'), size, tempPath, dir };
}

/**
 * Moves a staged blob to its content-addressed place in `store`'s blob folder. When that file is already there
 * (the same bytes, stored before) the temp file is dropped instead. Run it inside the transaction that inserts the
 * row pointing at it, after the insert: the write lock is held, and a failed rename rolls the row back.
 */
export async function commitStagedBlob(store: Pick<Store, 'path'>, staged: StagedBlob): Promise<void> {
  if (staged.dir !== blobDir(store)) throw new StoreError(`blob ${staged.sha256} was staged in ${staged.dir}, not in this store's blob folder ${blobDir(store)}`);
  const target = blobPath(store, staged.sha256);
  const present = await stat(target).then((s) => s.size === staged.size, () => false);
  if (present) return discardStagedBlob(staged);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(staged.tempPath, target);
}

/** Removes a staged blob that will not be stored. */
export async function discardStagedBlob(staged: StagedBlob): Promise<void> {
  await rm(staged.tempPath, { force: true });
}

/** The bytes of the blob file `sha256` of `store`, streamed; throws naming the file when it is missing. */
export function readBlob(store: Pick<Store, 'path'>, sha256: string): AsyncIterable<Buffer> {
  const file = blobPath(store, sha256);
  return (async function* () {
    try {
      for await (const chunk of createReadStream(file)) yield chunk as Buffer;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new StoreError(`blob file ${file} ${code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? (error as Error).message})`}: the store's row points at it`, { cause: error });
    }
  })();
}
