import {
  findArtifacts,
  findImportedModel,
  getArtifact,
  getModel,
  getResult,
  insertImportedModel,
  listModels,
  putArtifact,
  putResult,
  stageBlob,
  type Store,
} from '@branchscope/store';
import type { JobData } from './job-data';

/** {@link JobData} straight over a store: in-process and pool workers, which reach the API's store themselves. */
export function storeJobData(store: Store): JobData {
  return {
    reads: {
      async requireModel(id) {
        const model = await getModel(store, id);
        if (model) return model;
        const known = (await listModels(store)).map((m) => m.id);
        throw new Error(`model '${id}' is not in the store; known models: ${known.join(', ') || 'none'}`);
      },
      async weightsBlob(key) {
        const info = (await findArtifacts(store, [key])).get(key);
        if (!info) return undefined;
        // Large blobs lie in a file: read it straight into one array. Small ones are in the row.
        return info.file ? { file: info.file } : { bytes: (await getArtifact(store, key))!.bytes };
      },
      storedArtifacts: async (keys) => new Set((await findArtifacts(store, keys)).keys()),
      resultValue: async <V>(key: string) => (await getResult<V>(store, key))?.value,
      hasImportedModel: async (importKey) => (await findImportedModel(store, importKey)) !== undefined,
    },
    writes: {
      putArtifact: async (artifact) => void (await putArtifact(store, artifact)),
      putResult: async (result) => void (await putResult(store, result)),
      stageBlob: (chunks) => stageBlob(store, chunks),
      putImportedModel: async (imported, options) => void (await insertImportedModel(store, imported, options)),
    },
  };
}
