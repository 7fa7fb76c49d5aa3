import { discardStagedBlob, stageBlob, toJsonColumn, type Store } from '@branchscope/store';
import type { JobData } from '../handler-data/job-data';
import type { BlobStore } from './blob-store';
import { localFile, sendBytes } from './job-bytes';
import type { JobWrite, RedisJobData } from './redis-job-data';

/** A Redis job's {@link JobData}, and what its handler wrote. */
export interface WorkerJobData {
  readonly data: JobData;
  /** Every value written so far, those an earlier run kept first. */
  writes(): JobWrite[];
}

/** Where a worker stages files before sending them (the in-memory stores' blob folder of this process). */
const LOCAL: Pick<Store, 'path'> = { path: ':memory:' };

/**
 * What a handler on a Redis worker reads and writes: the model and weights the job carries (weights fetched by
 * content key, once per process for a file), and as stored, only what an earlier run of the job kept (`kept`)
 * or this run wrote. Writes are collected as {@link JobWrite}s, their bytes sent to the blob store at once.
 */
export function workerJobData(shipped: RedisJobData, kept: readonly JobWrite[], blobs: BlobStore): WorkerJobData {
  const written: JobWrite[] = [];
  const all = (): JobWrite[] => [...kept, ...written];
  const storedKeys = (): Set<string> => {
    const keys = new Set<string>();
    for (const write of all()) {
      if (write.type === 'artifact') keys.add(write.artifact.key);
      if (write.type === 'imported-model') keys.add(write.imported.weights.key);
    }
    return keys;
  };
  return {
    data: {
      reads: {
        async requireModel(id) {
          if (shipped.model?.id === id) return shipped.model;
          throw new Error(`model '${id}' is not in the store; known models: ${(shipped.knownModels ?? []).join(', ') || 'none'}`);
        },
        async weightsBlob(key) {
          const weights = shipped.weights;
          if (weights?.key !== key) return undefined;
          return 'blob' in weights.bytes ? { bytes: await blobs.get(weights.bytes.blob) } : { file: await localFile(weights.bytes.file, blobs) };
        },
        async storedArtifacts(keys) {
          const stored = storedKeys();
          return new Set(keys.filter((key) => stored.has(key)));
        },
        async resultValue<V>(key: string) {
          let value: V | undefined;
          for (const write of all()) {
            if (write.type === 'result' && write.result.key === key) value = write.result.value as V;
            if (write.type === 'imported-model' && write.imported.result.key === key) value = write.imported.result.value as V;
          }
          return value;
        },
        hasImportedModel: async (importKey) => all().some((write) => write.type === 'imported-model' && write.imported.source.importKey === importKey),
      },
      writes: {
        async putArtifact({ bytes, ...artifact }) {
          // Checked here as the store checks them, so a value JSON cannot carry fails the job that wrote it.
          toJsonColumn(artifact.meta, `artifact ${artifact.key} (${artifact.kind}) meta`);
          // Stored with the time it was computed here, not the time the API receives it.
          written.push({ type: 'artifact', artifact: { ...artifact, createdAt: artifact.createdAt ?? new Date().toISOString() }, blob: await blobs.put(bytes) });
        },
        async putResult(result) {
          toJsonColumn(result.params, `result ${result.key} (${result.kind}) params`);
          toJsonColumn(result.value, `result ${result.key} (${result.kind}) value`);
          written.push({ type: 'result', result: { ...result, createdAt: result.createdAt ?? new Date().toISOString() } });
        },
        stageBlob: (chunks) => stageBlob(LOCAL, chunks),
        async putImportedModel({ weights: { bytes, ...weights }, ...imported }) {
          try {
            written.push({ type: 'imported-model', imported: { ...imported, weights }, weightsBytes: await sendBytes(bytes, blobs) });
          } finally {
            if (!(bytes instanceof Uint8Array)) await discardStagedBlob(bytes);
          }
        },
      },
    },
    writes: all,
  };
}
