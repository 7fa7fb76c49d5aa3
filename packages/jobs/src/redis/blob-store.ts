import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { JobQueueError } from '../job-queue';
import { filePartsStore, type FileParts } from './file-parts';

/** Bytes in Redis by their SHA-256, so a worker never needs the API's files (and the API never a worker's). */
export interface BlobStore extends FileParts {
  /** Stores `bytes` (or refreshes their expiry when already there) and returns their SHA-256 in hex. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes stored under `sha256`; throws naming the hash when they expired or were never stored. */
  get(sha256: string): Promise<Buffer>;
}

/** Blobs this large or larger (model weights) are kept in memory after a read, the last two of them. */
const CACHE_FROM_BYTES = 1 << 20;
const CACHE_ENTRIES = 2;

/**
 * Blobs under `<prefix>:blobs:<sha256>`, each expiring `ttlSeconds` after it was last put. The same bytes are
 * uploaded once: a second `put` only refreshes the expiry. Large blobs read recently are cached in this process,
 * so a worker fetches a model's weights once for a run of jobs on that model. Files (model files, weights blob
 * files) go in parts: {@link filePartsStore}.
 */
export function redisBlobStore(redis: Redis, prefix: string, ttlSeconds: number): BlobStore {
  const keyOf = (sha256: string) => `${prefix}:blobs:${sha256}`;
  const cache = new Map<string, Buffer>();
  return {
    ...filePartsStore(redis, prefix, ttlSeconds),
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const key = keyOf(sha256);
      if ((await redis.expire(key, ttlSeconds)) === 0) await redis.set(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'EX', ttlSeconds);
      return sha256;
    },
    async get(sha256) {
      const hit = cache.get(sha256);
      if (hit) return hit;
      const bytes = await redis.getBuffer(keyOf(sha256));
      if (!bytes) {
        throw new JobQueueError(`blob ${sha256} is not in Redis (it expires ${ttlSeconds} s after its last use, or Redis lost it); ask for the job again`);
      }
      if (bytes.length >= CACHE_FROM_BYTES) {
        cache.set(sha256, bytes);
        while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
      }
      return bytes;
    },
  };
}
