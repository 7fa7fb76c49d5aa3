import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FetchModelInput } from '@branchscope/jobs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchDownload } from './fetch-download';
import { startFileServer, type FileServer } from './file-server.test-support';
import { readProxySettings } from './proxy-settings';

const body = Uint8Array.from({ length: 64_000 }, (_, i) => (i * 13) % 256);
const sha256 = createHash('sha256').update(body).digest('hex');

describe('fetchDownload', () => {
  let server: FileServer;
  let dir: string;
  beforeAll(async () => {
    server = await startFileServer({ '/twin.onnx': body });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fetch-download-'));
  });
  afterEach(() => {
    server.requests.length = 0;
    rmSync(dir, { recursive: true, force: true });
  });
  const input = (over: Partial<FetchModelInput> = {}): FetchModelInput => ({
    entryId: 'twin-1',
    name: 'Twin',
    url: `${server.origin}/twin.onnx`,
    fileName: 'twin-1.onnx',
    sha256,
    bytes: body.length,
    format: 'onnx',
    inputRange: [0, 1],
    ...over,
  });
  const fetchIt = (over: Partial<FetchModelInput> = {}) => fetchDownload(input(over), { downloadDir: dir, proxy: readProxySettings({}) });

  it('downloads, verifies and renames the part file to the catalogue file name', async () => {
    const fetched = await fetchIt();
    expect(fetched).toEqual({ file: path.join(dir, 'twin-1.onnx'), bytes: body.length, sha256, reused: false, resumedFrom: 0, rangeRequests: 0 });
    expect(existsSync(path.join(dir, 'twin-1.onnx.part'))).toBe(false);
  });

  it('uses a verified file from an earlier fetch without a request', async () => {
    await fetchIt();
    server.requests.length = 0;
    expect((await fetchIt()).reused).toBe(true);
    expect(server.requests).toEqual([]);
  });

  it('deletes a download whose digest is not the catalogue one, naming the URL, the expected and the actual digest', async () => {
    const wrong = 'ab'.repeat(32);
    await expect(fetchIt({ sha256: wrong })).rejects.toThrow(`checksum mismatch for ${server.origin}/twin.onnx: expected sha256 ${wrong}, got ${sha256}; the file was deleted`);
    expect(existsSync(path.join(dir, 'twin-1.onnx.part'))).toBe(false);
    expect(existsSync(path.join(dir, 'twin-1.onnx'))).toBe(false);
  });

  it('downloads again over a kept file that no longer matches', async () => {
    writeFileSync(path.join(dir, 'twin-1.onnx'), new Uint8Array(body.length));
    const fetched = await fetchIt();
    expect(fetched.reused).toBe(false);
    expect(createHash('sha256').update(readFileSync(fetched.file)).digest('hex')).toBe(sha256);
  });

  it('accepts an entry without a published digest or size, and reports the digest it found', async () => {
    expect(await fetchIt({ sha256: null, bytes: null })).toMatchObject({ bytes: body.length, sha256 });
  });

  it('refuses a file name that would leave the download folder', async () => {
    await expect(fetchIt({ fileName: '../escape.onnx' })).rejects.toThrow("catalogue file name '../escape.onnx' is not a plain file name");
  });
});
