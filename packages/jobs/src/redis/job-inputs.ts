import path from 'node:path';
import { findArtifacts, getArtifact, getModel, listModels, type JobRecord, type Store } from '@branchscope/store';
import type { BlobStore } from './blob-store';
import { packJobFiles } from './job-files';
import type { RedisJobData, ShippedWeights } from './redis-job-data';

/** The stored weights blob `key` in the blob store: a blob file in parts (by its hash), small ones as one blob. */
async function shipWeights(store: Store, key: string, blobs: BlobStore): Promise<ShippedWeights | undefined> {
  const info = (await findArtifacts(store, [key])).get(key);
  if (!info) return undefined;
  // A blob file is named by its SHA-256 (`<blobs>/sha256/ab/cdef…`), so it is sent without hashing it again.
  if (info.file) return { key, bytes: { file: await blobs.putFile(info.file, path.basename(path.dirname(info.file)) + path.basename(info.file)) } };
  const artifact = await getArtifact(store, key);
  return artifact ? { key, bytes: { blob: await blobs.put(artifact.bytes) } } : undefined;
}

/**
 * What a job carries to a worker that needs only Redis: the job, and when its input names a `modelId`, that
 * model's record (or the ids of the models there are) and its stored weights by content key; an import's files.
 * Handlers needing more than their model must get it into their input.
 */
export async function packJobData(store: Store, job: JobRecord, blobs: BlobStore): Promise<RedisJobData> {
  const data: RedisJobData = { job };
  const modelId = (job.input as { modelId?: unknown } | null)?.modelId;
  if (typeof modelId === 'string') {
    const model = await getModel(store, modelId);
    if (!model) data.knownModels = (await listModels(store)).map((m) => m.id);
    else {
      data.model = model;
      const weights = model.weights as { kind: string; key?: unknown };
      if (weights.kind === 'stored' && typeof weights.key === 'string') {
        const shipped = await shipWeights(store, weights.key, blobs);
        if (shipped) data.weights = shipped;
      }
    }
  }
  const files = await packJobFiles(job, blobs);
  if (files) data.files = files;
  return data;
}
