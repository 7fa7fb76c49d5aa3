import { blobPath, commitStagedBlob, discardStagedBlob, stageBlob, type ArtifactBytes, type StagedBlob, type Store } from '@branchscope/store';
import { existsSync } from 'node:fs';
import { JobQueueError } from '../job-queue';
import type { BlobStore } from './blob-store';
import type { BytesRef } from './redis-job-data';

/** Sends bytes through Redis by content key: bytes in memory as one blob, a staged or stored file in parts. */
export async function sendBytes(bytes: ArtifactBytes, blobs: BlobStore): Promise<BytesRef> {
  if (bytes instanceof Uint8Array) return { blob: await blobs.put(bytes) };
  return { file: await blobs.putFile(bytes.tempPath, bytes.sha256) };
}

/**
 * Streams a file sent in parts to a staged blob in `store`'s blob folder, checked against its content key; the
 * caller stores it (`putArtifact`, `insertImportedModel`, `commitStagedBlob`) or discards it.
 */
export async function stageSentFile(store: Pick<Store, 'path'>, sha256: string, blobs: BlobStore): Promise<StagedBlob> {
  const staged = await stageBlob(store, blobs.readFile(sha256));
  if (staged.sha256 !== sha256) {
    await discardStagedBlob(staged);
    throw new JobQueueError(`file ${sha256} arrived from Redis with SHA-256 ${staged.sha256}`);
  }
  return staged;
}

/** The bytes `ref` names, fetched from Redis: a blob as bytes, a file as a staged blob in `store`'s blob folder. */
export async function receiveBytes(store: Pick<Store, 'path'>, ref: BytesRef, blobs: BlobStore): Promise<ArtifactBytes> {
  return 'blob' in ref ? blobs.get(ref.blob) : stageSentFile(store, ref.file, blobs);
}

/** This process's folder of files fetched from Redis (the in-memory stores' blob folder, removed at exit). */
const LOCAL: Pick<Store, 'path'> = { path: ':memory:' };

/**
 * A file sent in parts (a model's weights), on this machine: fetched once into the process's blob folder and read
 * from there by every later job that names it.
 */
export async function localFile(sha256: string, blobs: BlobStore): Promise<string> {
  const target = blobPath(LOCAL, sha256);
  if (!existsSync(target)) await commitStagedBlob(LOCAL, await stageSentFile(LOCAL, sha256, blobs));
  return target;
}
