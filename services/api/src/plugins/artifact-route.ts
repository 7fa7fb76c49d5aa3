import { getArtifact, type Store } from '@branchscope/store';
import { Router } from 'express';

/** Artifacts are content-addressed: the bytes under a key never change, so caches may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /artifacts/:key.png` -> the stored PNG (feature or weight image) with long cache headers and the key as
 * ETag; 404 with a JSON error naming the key when nothing is stored under it.
 */
export function artifactRoute(store: Store): Router {
  const router = Router();
  router.get('/artifacts/:file', async (req, res, next) => {
    try {
      const match = /^([0-9a-f]{64})\.png$/.exec(req.params.file);
      if (!match) {
        res.status(404).json({ error: `'${req.params.file}' is not an artifact name: expected a 64-hex-digit key followed by .png` });
        return;
      }
      const key = match[1]!;
      if (req.headers['if-none-match'] === `"${key}"`) {
        res.status(304).end();
        return;
      }
      const artifact = await getArtifact(store, key);
      if (!artifact || artifact.mediaType !== 'image/png') {
        res.status(404).json({ error: `no PNG artifact is stored under key ${key}` });
        return;
      }
      res.status(200).set({ 'content-type': 'image/png', 'cache-control': IMMUTABLE, etag: `"${key}"` }).send(Buffer.from(artifact.bytes));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
