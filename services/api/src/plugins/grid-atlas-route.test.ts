import { mkdtempSync, rmSync } from 'node:fs';
import { get, globalAgent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { featureImageKey, FEATURE_IMAGE_ARTIFACT } from '@branchscope/jobs';
import { getModel, modelDigest, openStore, putArtifact } from '@branchscope/store';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, type ApiServer } from '../create-api-server';
import { parseUnitRanges } from './grid-atlas-route';

const PARAMS = { steps: 4, size: 16, seed: 0, backend: 'wasm' };
const solid = (r: number, g: number, b: number) => sharp({ create: { width: 16, height: 16, channels: 3, background: { r, g, b } } }).png().toBuffer();

describe('grid atlas route', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'branchscope-atlas-'));
  const dbPath = path.join(dir, 'a.db');
  let server: ApiServer;
  let origin: string;
  beforeAll(async () => {
    server = createApiServer({ dbPath, port: 0, worker: 'none' });
    origin = new URL((await server.start()).url).origin;
    // Unit 0 stored red, unit 1 green, unit 2 not stored.
    const store = openStore(dbPath);
    const model = (await getModel(store, 'inceptionv1'))!;
    const channels = model.graph.inputShape[0]!;
    for (const [unit, png] of [[0, await solid(255, 0, 0)], [1, await solid(0, 255, 0)]] as const) {
      const key = featureImageKey({ modelDigest: modelDigest(model), layer: 'mixed3b', unit, ...PARAMS, channels });
      await putArtifact(store, { key, kind: FEATURE_IMAGE_ARTIFACT, modelId: model.id, mediaType: 'image/png', bytes: png, meta: {}, jobId: null });
    }
    store.close?.();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const atlasUrl = (query: Record<string, string>, layer = 'mixed3b') =>
    `${origin}/artifacts/atlas/inceptionv1/${layer}.png?${new URLSearchParams({ units: '0-2', ...Object.fromEntries(Object.entries(PARAMS).map(([k, v]) => [k, String(v)])), tile: '8', columns: '2', ...query })}`;

  it('lays the listed units out as tiles in order, a unit with no stored image transparent', async () => {
    const response = await fetch(atlasUrl({}));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const { data, info } = await sharp(Buffer.from(await response.arrayBuffer())).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([16, 16]);
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4));
    expect(pixel(4, 4)).toEqual([255, 0, 0, 255]);
    expect(pixel(12, 4)).toEqual([0, 255, 0, 255]);
    expect(pixel(4, 12)[3]).toBe(0);
  });

  it('keeps idle connections open longer than Node\'s client agent (5 s), so a proxy never reuses a socket being closed', async () => {
    const keepAlive = await new Promise<string>((resolve, reject) => {
      get(atlasUrl({}), (response) => {
        response.resume();
        resolve(String(response.headers['keep-alive'] ?? ''));
      }).on('error', reject);
    });
    const serverSeconds = Number(/timeout=(\d+)/.exec(keepAlive)?.[1]);
    const agentIdleMs = (globalAgent as unknown as { options: { timeout: number } }).options.timeout;
    expect(serverSeconds * 1000).toBeGreaterThan(agentIdleMs);
  });

  it('answers 304 to its ETag', async () => {
    const etag = (await fetch(atlasUrl({}))).headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await fetch(atlasUrl({}), { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(atlasUrl({ tile: '9' }))).headers.get('etag')).not.toBe(etag);
  });

  it('names the wrong parameter, an unknown layer and an unknown model', async () => {
    const bad = await fetch(atlasUrl({ units: '3-1' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/units: '3-1' is not a unit or a range/);
    expect(((await (await fetch(atlasUrl({ tile: '500' }))).json()) as { error: string }).error).toMatch(/tile: expected an integer from 8 to 128, got '500'/);
    const layer = await fetch(atlasUrl({}, 'mixed9z'));
    expect(layer.status).toBe(404);
    expect(((await layer.json()) as { error: string }).error).toBe("model 'inceptionv1' has no layer 'mixed9z'");
    expect((await fetch(`${origin}/artifacts/atlas/nomodel/mixed3b.png?units=0&steps=1&size=1&seed=0&backend=wasm&tile=8&columns=1`)).status).toBe(404);
  });

  it('parses unit ranges and refuses more than a page of units', () => {
    expect(parseUnitRanges('0-3,7')).toEqual([0, 1, 2, 3, 7]);
    expect(() => parseUnitRanges('0-1100')).toThrow('at most 1024 units');
    expect(() => parseUnitRanges('')).toThrow("'' is not a unit");
  });
});
