import { insertImportedModel, putArtifact, putResult, type Store } from '@branchscope/store';
import type { BlobStore } from './blob-store';
import { receiveBytes } from './job-bytes';
import type { JobWrite } from './redis-job-data';

/**
 * Stores what a Redis worker's handler wrote, with the store's own functions (each checks its value as it would
 * for an in-process handler): imported models first, since artifacts and results name their model. Every value
 * is keyed by what it was computed from and a stored key is kept, so applying the writes again after a failure
 * part way stores the rest and changes nothing else.
 */
export async function applyJobWrites(store: Store, writes: readonly JobWrite[], blobs: BlobStore): Promise<void> {
  const ordered = [...writes.filter((write) => write.type === 'imported-model'), ...writes.filter((write) => write.type !== 'imported-model')];
  for (const write of ordered) {
    if (write.type === 'imported-model') {
      const bytes = await receiveBytes(store, write.weightsBytes, blobs);
      await insertImportedModel(store, { ...write.imported, weights: { ...write.imported.weights, bytes } });
    } else if (write.type === 'artifact') {
      await putArtifact(store, { ...write.artifact, bytes: await blobs.get(write.blob) });
    } else {
      await putResult(store, write.result);
    }
  }
}
