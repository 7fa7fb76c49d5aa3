import { describe, expect, it } from 'vitest';
import { startApi, tempDbPath } from '../support/start-api';
import { featureImages, fetchArtifact } from './feature-image-queries';

/** Starts a server on a fresh database, renders unit 3 of small-alexnet-2b conv2 and returns its key and PNG bytes. */
async function renderOnFreshServer(): Promise<{ key: string; backend: string; bytes: Uint8Array }> {
  const db = tempDbPath();
  const api = await startApi({ dbPath: db.dbPath });
  try {
    const [image] = await featureImages(api.url, { modelId: 'small-alexnet-2b', layer: 'conv2', units: [3], steps: 12, size: 48, seed: 5 });
    const { bytes } = await fetchArtifact(api.origin, image!.url);
    return { key: image!.key, backend: image!.backend, bytes };
  } finally {
    await api.stop();
    db.remove();
  }
}

describe('API: feature images are reproducible', () => {
  it('gives a byte-identical PNG under the same key after a restart with a fresh database on the same backend', async () => {
    const first = await renderOnFreshServer();
    const second = await renderOnFreshServer();
    expect(second.backend).toBe(first.backend);
    expect(second.key).toBe(first.key);
    expect(second.bytes.length).toBeGreaterThan(100);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });
});
