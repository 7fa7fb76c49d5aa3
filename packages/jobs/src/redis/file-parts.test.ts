import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../testing/redis-server';
import { filePartsStore, type FileParts } from './file-parts';

const collect = async (parts: AsyncIterable<Buffer>): Promise<Buffer> => {
  const out: Buffer[] = [];
  for await (const part of parts) out.push(part);
  return Buffer.concat(out);
};

/** Parts of 1000 bytes stand in for the 64 MiB parts that carry a 553 MB model past Redis's 512 MiB value limit. */
describe('filePartsStore', () => {
  let server: RedisServer;
  let redis: Redis;
  let files: FileParts;
  let dir: string;
  const prefix = 'test-file-parts';
  const bytes = Buffer.from(Uint8Array.from({ length: 2500 }, (_, i) => (i * 7) % 256));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
    files = filePartsStore(redis, prefix, 60, 1000);
    dir = mkdtempSync(join(tmpdir(), 'branchscope-file-parts-'));
    writeFileSync(join(dir, 'model.onnx'), bytes);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a file in parts under its hash and streams it back', async () => {
    expect(await files.putFile(join(dir, 'model.onnx'))).toBe(sha256);
    expect(await redis.get(`${prefix}:files:${sha256}`)).toBe(JSON.stringify({ size: 2500, parts: 3 }));
    expect((await redis.getBuffer(`${prefix}:files:${sha256}:2`))?.length).toBe(500);
    expect((await collect(files.readFile(sha256))).equals(bytes)).toBe(true);
  });

  it('refreshes the expiry of a file already there instead of sending it again', async () => {
    await files.putFile(join(dir, 'model.onnx'));
    await redis.expire(`${prefix}:files:${sha256}:1`, 5);
    await files.putFile(join(dir, 'model.onnx'), sha256);
    expect(await redis.ttl(`${prefix}:files:${sha256}:1`)).toBeGreaterThan(5);
  });

  it('refuses a file that is missing or whose parts do not add up to its hash, naming the hash', async () => {
    await expect(collect(files.readFile('0'.repeat(64)))).rejects.toThrow(`file ${'0'.repeat(64)} is not in Redis`);
    await files.putFile(join(dir, 'model.onnx'));
    await redis.set(`${prefix}:files:${sha256}:1`, Buffer.alloc(1000));
    await expect(collect(files.readFile(sha256))).rejects.toThrow(`file ${sha256} from Redis is damaged`);
  });
});
