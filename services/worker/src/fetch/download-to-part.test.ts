import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { downloadToPart } from './download-to-part';
import { closedPort, startFileServer, startRecordingProxy, type FileServer } from './file-server.test-support';
import { downloadDispatcher, proxyFor, readProxySettings } from './proxy-settings';

const body = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31 + (i >> 8)) % 256);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const noProxy = readProxySettings({});

describe('downloadToPart', () => {
  let server: FileServer;
  let dir: string;
  beforeAll(async () => {
    server = await startFileServer({ '/model.onnx': body });
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.requests.length = 0;
    rmSync(dir, { recursive: true, force: true });
  });
  const part = () => {
    dir = mkdtempSync(path.join(tmpdir(), 'download-'));
    return path.join(dir, 'model.onnx.part');
  };
  const download = (partFile: string, url = `${server.origin}/model.onnx`, expectedBytes: number | null = body.length, onProgress?: (bytes: number) => void) =>
    downloadToPart({ url, partFile, expectedBytes, dispatcher: downloadDispatcher(noProxy), resumeDelayMs: 10, onProgress });

  it('follows a redirect and writes every byte, reporting progress up to the total', async () => {
    const file = part();
    const seen: number[] = [];
    const result = await download(file, `${server.origin}/redirect/model.onnx`, body.length, (bytes) => void seen.push(bytes));
    expect(result).toEqual({ bytes: body.length, resumedFrom: 0, rangeRequests: 0 });
    expect(sha(readFileSync(file))).toBe(sha(body));
    expect(server.requests.map((r) => r.path)).toEqual(['/redirect/model.onnx', '/model.onnx']);
    expect(seen.at(-1)).toBe(body.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('resumes a body cut off mid-way with a Range request for the rest, and ends with the right digest', async () => {
    const file = part();
    server.cutAfter('/model.onnx', 100_000);
    const result = await download(file);
    expect(result.rangeRequests).toBe(1);
    const ranged = server.requests.filter((r) => r.range);
    expect(ranged).toEqual([{ path: '/model.onnx', range: expect.stringMatching(/^bytes=\d+-$/) }]);
    const from = Number(/\d+/.exec(ranged[0]!.range!)![0]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(100_000);
    expect(sha(readFileSync(file))).toBe(sha(body));
  });

  it('resumes a part file left by an earlier, interrupted download', async () => {
    const file = part();
    writeFileSync(file, body.subarray(0, 123_456));
    const result = await download(file);
    expect(result).toEqual({ bytes: body.length, resumedFrom: 123_456, rangeRequests: 1 });
    expect(server.requests).toEqual([{ path: '/model.onnx', range: 'bytes=123456-' }]);
    expect(sha(readFileSync(file))).toBe(sha(body));
  });

  it('starts over when the part file is longer than the file, or the server refuses its range (416)', async () => {
    const file = part();
    writeFileSync(file, new Uint8Array(body.length + 5));
    expect((await download(file)).resumedFrom).toBe(0);
    expect(sha(readFileSync(file))).toBe(sha(body));
    writeFileSync(file, new Uint8Array(body.length + 5));
    const unknownSize = await download(file, undefined, null);
    expect(server.requests.at(-2)).toEqual({ path: '/model.onnx', range: `bytes=${body.length + 5}-` });
    expect(unknownSize.bytes).toBe(body.length);
    expect(sha(readFileSync(file))).toBe(sha(body));
  });

  it('names the URL and the status of a 404', async () => {
    const url = `${server.origin}/missing.onnx`;
    await expect(download(part(), url)).rejects.toThrow(`cannot download ${url}: HTTP 404 Not Found`);
  });

  it('names the URL when the connection is refused (offline)', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/model.onnx`;
    await expect(download(part(), url)).rejects.toThrow(new RegExp(`^cannot download ${url.replace(/\./g, '\\.')}: connection refused \\(127\\.0\\.0\\.1:\\d+\\)$`));
  });

  it('names the URL and the host when DNS cannot resolve it', async () => {
    const url = 'http://branchscope-no-such-host.invalid/model.onnx';
    await expect(download(part(), url)).rejects.toThrow(/^cannot download http:\/\/branchscope-no-such-host\.invalid\/model\.onnx: host branchscope-no-such-host\.invalid not found \(DNS E/);
  });

  it('goes through HTTP_PROXY, resuming through it too, and around it for hosts NO_PROXY lists', async () => {
    const proxy = await startRecordingProxy();
    try {
      const url = `${server.origin}/model.onnx`;
      const settings = readProxySettings({ HTTP_PROXY: proxy.url, NO_PROXY: 'example.org' });
      expect(proxyFor(new URL(url), settings)).toBe(proxy.url);
      const file = part();
      server.cutAfter('/model.onnx', 50_000);
      await downloadToPart({ url, partFile: file, expectedBytes: body.length, dispatcher: downloadDispatcher(settings), resumeDelayMs: 10 });
      expect(sha(readFileSync(file))).toBe(sha(body));
      const target = new URL(server.origin).host;
      expect(proxy.seen.length).toBeGreaterThanOrEqual(2);
      expect(proxy.seen.every((s) => s === `CONNECT ${target}` || s.startsWith(`${server.origin}/`))).toBe(true);
      expect(server.requests.some((r) => r.range)).toBe(true);

      const bypass = readProxySettings({ http_proxy: proxy.url, no_proxy: '127.0.0.1' });
      expect(proxyFor(new URL(url), bypass)).toBeUndefined();
      const before = proxy.seen.length;
      rmSync(file);
      await downloadToPart({ url, partFile: file, expectedBytes: body.length, dispatcher: downloadDispatcher(bypass) });
      expect(proxy.seen.length).toBe(before);
    } finally {
      await proxy.close();
    }
  });

  it('names the proxy when the download through it fails', async () => {
    const settings = readProxySettings({ HTTPS_PROXY: `http://user:secret@127.0.0.1:${await closedPort()}` });
    const url = 'https://github.com/onnx/models/raw/main/model.onnx';
    const proxy = proxyFor(new URL(url), settings);
    expect(proxy).toMatch(/^http:\/\/\*\*\*@127\.0\.0\.1:\d+$/);
    await expect(downloadToPart({ url, partFile: part(), expectedBytes: null, dispatcher: downloadDispatcher(settings), proxy })).rejects.toThrow(
      new RegExp(`^cannot download ${url.replace(/\./g, '\\.')} through proxy http://\\*\\*\\*@127\\.0\\.0\\.1:\\d+: connection refused`),
    );
    expect(existsSync(path.join(dir, 'model.onnx.part'))).toBe(false);
  });
});
