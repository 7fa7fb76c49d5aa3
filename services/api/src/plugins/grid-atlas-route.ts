import { createHash } from 'node:crypto';
import { featureImageKey } from '@branchscope/jobs';
import { getArtifact, getModel, modelDigest, type Store } from '@branchscope/store';
import { Router } from 'express';
import sharp from 'sharp';

/** Most units one atlas holds: InceptionV1's widest layer (mixed5b, 1024 units; 1536 px square at 48 px tiles). */
export const ATLAS_MAX_UNITS = 1024;
/** Side of a tile in pixels: from 8 to 128. */
export const ATLAS_TILE_LIMITS = Object.freeze({ min: 8, max: 128 });
/** Atlases kept built in memory, by the content they hold (most recently used kept). */
const ATLAS_CACHE_SIZE = 16;

/** What an atlas request names: the layer's feature images with these render parameters, for these units. */
export interface AtlasRequest {
  modelId: string;
  layer: string;
  units: number[];
  steps: number;
  size: number;
  seed: number;
  backend: string;
  tile: number;
  columns: number;
}

/** `"0-3,7"` -> `[0, 1, 2, 3, 7]`; throws naming the part that is not a unit or a range of units. */
export function parseUnitRanges(text: string): number[] {
  const units: number[] = [];
  for (const part of text.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = match ? Number(match[1]) : NaN;
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (!match || to < from) throw new Error(`units: '${part}' is not a unit or a range of units like 0-479`);
    if (units.length + to - from + 1 > ATLAS_MAX_UNITS) throw new Error(`units: an atlas holds at most ${ATLAS_MAX_UNITS} units`);
    for (let u = from; u <= to; u++) units.push(u);
  }
  return units;
}

function integerParam(query: Record<string, unknown>, name: string, min: number, max: number): number {
  const raw = query[name];
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw new Error(`${name}: expected an integer from ${min} to ${max}, got '${String(raw ?? '')}'`);
  return value;
}

/** The request named by the path and query, or an error naming the parameter that is wrong. */
export function parseAtlasRequest(modelId: string, layer: string, query: Record<string, unknown>): AtlasRequest {
  const units = parseUnitRanges(typeof query.units === 'string' ? query.units : '');
  const backend = query.backend;
  if (typeof backend !== 'string' || backend === '') throw new Error('backend: name the backend the feature images were rendered with');
  return {
    modelId,
    layer,
    units,
    steps: integerParam(query, 'steps', 1, 1_000_000),
    size: integerParam(query, 'size', 1, 100_000),
    seed: integerParam(query, 'seed', 0, 2 ** 32 - 1),
    backend,
    tile: integerParam(query, 'tile', ATLAS_TILE_LIMITS.min, ATLAS_TILE_LIMITS.max),
    columns: integerParam(query, 'columns', 1, ATLAS_MAX_UNITS),
  };
}

/**
 * `GET /artifacts/atlas/:model/:layer.png?units=0-479&steps=&size=&seed=&backend=&tile=48&columns=32` -> one PNG
 * holding the listed units' stored feature images as `tile`-pixel squares, `columns` per row in the order listed (a
 * unit with no stored image leaves its tile transparent), so a grid of 480 units costs one request instead of 480. The
 * ETag is a hash of the tiles' content keys and the layout; an atlas is built once (sharp) and kept in memory by it.
 * 400 names a wrong parameter, 404 an unknown model or layer.
 */
export function gridAtlasRoute(store: Store): Router {
  const router = Router();
  const built = new Map<string, Buffer>();
  router.get('/artifacts/atlas/:model/:file', async (req, res, next) => {
    try {
      const match = /^(.+)\.png$/.exec(req.params.file);
      if (!match) {
        res.status(404).json({ error: `'${req.params.file}' is not an atlas name: expected <layer>.png` });
        return;
      }
      let request: AtlasRequest;
      try {
        request = parseAtlasRequest(req.params.model, match[1]!, req.query as Record<string, unknown>);
      } catch (error) {
        res.status(400).json({ error: `atlas of ${req.params.model} ${match[1]}: ${(error as Error).message}` });
        return;
      }
      const model = await getModel(store, request.modelId);
      if (!model) {
        res.status(404).json({ error: `no model '${request.modelId}' is stored` });
        return;
      }
      if (!model.graph.nodes.some((n) => n.name === request.layer)) {
        res.status(404).json({ error: `model '${request.modelId}' has no layer '${request.layer}'` });
        return;
      }
      const digest = modelDigest(model);
      const channels = model.graph.inputShape[0]!;
      const { steps, size, seed, backend, tile, columns } = request;
      const keys = request.units.map((unit) => featureImageKey({ modelDigest: digest, layer: request.layer, unit, steps, size, seed, backend, channels }));
      const etag = `"${createHash('sha256').update(`${keys.join(',')}|${tile}|${columns}`).digest('hex')}"`;
      res.set({ 'cache-control': 'public, max-age=0, must-revalidate', etag });
      let png = built.get(etag);
      if (png) {
        built.delete(etag);
      } else if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      } else {
        png = await buildAtlas(store, keys, tile, columns);
      }
      built.set(etag, png);
      if (built.size > ATLAS_CACHE_SIZE) built.delete(built.keys().next().value!);
      if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      }
      res.status(200).type('image/png').send(png);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** The stored PNGs under `keys`, each resized to `tile` pixels, laid out `columns` per row; missing ones transparent. */
async function buildAtlas(store: Store, keys: readonly string[], tile: number, columns: number): Promise<Buffer> {
  const rows = Math.max(1, Math.ceil(keys.length / columns));
  const tiles = await Promise.all(
    keys.map(async (key, i) => {
      const artifact = await getArtifact(store, key);
      if (!artifact || artifact.mediaType !== 'image/png') return null;
      const input = await sharp(Buffer.from(artifact.bytes)).resize(tile, tile, { fit: 'fill' }).ensureAlpha().raw().toBuffer();
      return { input, raw: { width: tile, height: tile, channels: 4 as const }, left: (i % columns) * tile, top: Math.floor(i / columns) * tile };
    }),
  );
  return sharp({ create: { width: Math.min(columns, Math.max(1, keys.length)) * tile, height: rows * tile, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite(tiles.filter((t) => t !== null))
    .png({ compressionLevel: 6 })
    .toBuffer();
}
