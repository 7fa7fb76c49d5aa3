import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import { JobQueueError } from '../job-queue';

/** Redis refuses a value over 512 MiB; a file goes in parts of this size. */
export const FILE_PART_BYTES = 64 * 2 ** 20;

/** Files in Redis by their SHA-256, in parts, so a file of any size travels with a job, streamed both ways. */
export interface FileParts {
  /**
   * Stores the file at `path` in parts (or refreshes their expiry when already there), reading it one part at a
   * time, and returns its SHA-256. Give `sha256` when the file is named by it (a store's blob file); otherwise it
   * is hashed first.
   */
  putFile(path: string, sha256?: string): Promise<string>;
  /**
   * The file stored under `sha256`, part by part; the bytes are checked against the hash as they go, and the last
   * part throws when they do not match. Throws naming the hash when the file expired or was never stored.
   */
  readFile(sha256: string): AsyncIterable<Buffer>;
}

interface Header {
  size: number;
  parts: number;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * {@link FileParts} under `<prefix>:files:<sha256>` (the header: size and part count, written last) and
 * `<prefix>:files:<sha256>:<i>` (the parts of `partBytes`), each expiring `ttlSeconds` after the file was last put.
 */
export function filePartsStore(redis: Redis, prefix: string, ttlSeconds: number, partBytes = FILE_PART_BYTES): FileParts {
  const headerKey = (sha256: string) => `${prefix}:files:${sha256}`;
  const partKey = (sha256: string, i: number) => `${prefix}:files:${sha256}:${i}`;
  const header = async (sha256: string): Promise<Header | undefined> => {
    const text = await redis.get(headerKey(sha256));
    return text ? (JSON.parse(text) as Header) : undefined;
  };
  return {
    async putFile(path, known) {
      const sha256 = known ?? (await hashFile(path));
      const stored = await header(sha256);
      if (stored) {
        const keys = [headerKey(sha256), ...Array.from({ length: stored.parts }, (_, i) => partKey(sha256, i))];
        const refreshed = await Promise.all(keys.map((key) => redis.expire(key, ttlSeconds)));
        if (refreshed.every((ok) => ok === 1)) return sha256;
      }
      const file = await open(path, 'r');
      try {
        const { size } = await file.stat();
        const part = Buffer.allocUnsafe(Math.min(partBytes, Math.max(size, 1)));
        let parts = 0;
        for (let offset = 0; offset < size; parts++) {
          const { bytesRead } = await file.read(part, 0, Math.min(part.length, size - offset), offset);
          if (bytesRead === 0) throw new JobQueueError(`${path} ended at byte ${offset} of ${size} while it was sent to Redis`);
          await redis.set(partKey(sha256, parts), part.subarray(0, bytesRead), 'EX', ttlSeconds);
          offset += bytesRead;
        }
        await redis.set(headerKey(sha256), JSON.stringify({ size, parts } satisfies Header), 'EX', ttlSeconds);
      } finally {
        await file.close();
      }
      return sha256;
    },
    readFile(sha256) {
      return (async function* () {
        const stored = await header(sha256);
        const missing = () => new JobQueueError(`file ${sha256} is not in Redis (it expires ${ttlSeconds} s after its last use, or Redis lost it); ask for the job again`);
        if (!stored) throw missing();
        const hash = createHash('sha256');
        let size = 0;
        for (let i = 0; i < stored.parts; i++) {
          const part = await redis.getBuffer(partKey(sha256, i));
          if (!part) throw missing();
          hash.update(part);
          size += part.length;
          yield part;
        }
        const actual = hash.digest('hex');
        if (size !== stored.size || actual !== sha256) throw new JobQueueError(`file ${sha256} from Redis is damaged: ${size} bytes with SHA-256 ${actual}, expected ${stored.size} bytes`);
      })();
    },
  };
}
