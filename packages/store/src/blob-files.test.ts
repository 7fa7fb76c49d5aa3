import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobDir, blobPath, commitStagedBlob, discardStagedBlob, readBlob, stageBlob } from './blob-files';
import { tempDir } from './testing/temp-store';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function* slowly(parts: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield part;
}

describe('blob files', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: { path: string };
  beforeEach(() => {
    temp = tempDir();
    store = { path: join(temp.dir, 'store.db') };
  });
  afterEach(() => temp.remove());

  it('lie beside the database, named by their SHA-256', () => {
    expect(blobDir(store)).toBe(join(temp.dir, 'store.db-blobs'));
    expect(blobPath(store, 'ab' + 'c'.repeat(62))).toBe(join(temp.dir, 'store.db-blobs', 'sha256', 'ab', 'c'.repeat(62)));
    expect(() => blobPath(store, '../etc/passwd')).toThrow("'../etc/passwd' is not a SHA-256 in hex");
  });

  it('stages streamed chunks under a temp name, hashing them, and moves them into place on commit', async () => {
    const parts = [new Uint8Array([1, 2, 3]), new Uint8Array(70_000).fill(7), new Uint8Array([9])];
    const whole = Buffer.concat(parts);
    const staged = await stageBlob(store, slowly(parts));
    expect(staged).toMatchObject({ sha256: sha(whole), size: whole.byteLength });
    expect(staged.tempPath.startsWith(join(blobDir(store), 'tmp'))).toBe(true);
    expect(existsSync(blobPath(store, staged.sha256))).toBe(false);
    await commitStagedBlob(store, staged);
    expect(existsSync(staged.tempPath)).toBe(false);
    expect(readFileSync(blobPath(store, staged.sha256)).equals(whole)).toBe(true);
    const read: Buffer[] = [];
    for await (const chunk of readBlob(store, staged.sha256)) read.push(chunk);
    expect(Buffer.concat(read).equals(whole)).toBe(true);
  });

  it('keeps one file for the same bytes staged twice, dropping the second temp file', async () => {
    const first = await stageBlob(store, [new Uint8Array([5, 5])]);
    const second = await stageBlob(store, [new Uint8Array([5, 5])]);
    await commitStagedBlob(store, first);
    await commitStagedBlob(store, second);
    expect(readdirSync(join(blobDir(store), 'tmp'))).toEqual([]);
    expect(readdirSync(join(blobDir(store), 'sha256', first.sha256.slice(0, 2)))).toEqual([first.sha256.slice(2)]);
  });

  it('leaves no file behind when staging fails or a staged blob is discarded', async () => {
    async function* broken(): AsyncIterable<Uint8Array> {
      yield new Uint8Array([1]);
      throw new Error('the source broke');
    }
    await expect(stageBlob(store, broken())).rejects.toThrow('the source broke');
    await discardStagedBlob(await stageBlob(store, [new Uint8Array([1])]));
    expect(readdirSync(join(blobDir(store), 'tmp'))).toEqual([]);
  });

  it('refuses to commit a blob staged for another store', async () => {
    const staged = await stageBlob({ path: join(temp.dir, 'other.db') }, [new Uint8Array([1])]);
    await expect(commitStagedBlob(store, staged)).rejects.toThrow(`was staged in ${join(temp.dir, 'other.db-blobs')}`);
  });

  it('keeps the blobs of in-memory stores in one folder per process, removing those of processes that are gone', () => {
    // A pid far above pid_max (2^22) belongs to no process.
    const orphan = join(tmpdir(), 'branchscope-memory-blobs-99999999-test');
    mkdirSync(join(orphan, 'sha256'), { recursive: true });
    const dir = blobDir({ path: ':memory:' });
    expect(dir.startsWith(join(tmpdir(), `branchscope-memory-blobs-${process.pid}-`))).toBe(true);
    expect(blobDir({ path: ':memory:' })).toBe(dir);
    expect(existsSync(orphan)).toBe(false);
  });

  it('names the missing file when a blob is read that is not there', async () => {
    const missing = 'f'.repeat(64);
    const read = async () => {
      for await (const _ of readBlob(store, missing)) void _;
    };
    await expect(read()).rejects.toThrow(`blob file ${blobPath(store, missing)} is missing`);
  });
});
