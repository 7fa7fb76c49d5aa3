import { FETCH_MODEL_JOB, importModelKey, type FetchModelInput, type ImportModelValue } from '@branchscope/jobs';
import { findImportedModel, getResult, listJobs } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import type { CatalogueEntry } from './catalogue-entry';

export interface CatalogueEntryView extends CatalogueEntry {
  /** The id of the model imported from this entry, or null while it has not been. */
  importedModelId: string | null;
  /** The job that imported it (a fetch, or an import of the same file), or null. */
  importJobId: string | null;
}

/** What a fetch of `entry` imports: the same name, format and input range as its `fetch-model` job gives the import. */
export function fetchInput(entry: CatalogueEntry): FetchModelInput {
  const { id, name, url, fileName, sha256, bytes, format, inputRange } = entry;
  return { entryId: id, name, url, fileName, sha256, bytes, format, inputRange: [...inputRange] };
}

/**
 * The model imported from `entry`, if any: with a published digest, the model stored under the import key the file
 * would have (so an import of the same file by path counts too); without one, the model of the newest successful
 * fetch of this entry.
 */
export async function importedFromEntry(deps: ApiDeps, entry: CatalogueEntry): Promise<{ modelId: string; jobId: string | null } | undefined> {
  if (entry.sha256) {
    const key = importModelKey({ sha256: entry.sha256, format: entry.format, inputRange: entry.inputRange });
    const found = await findImportedModel(deps.store, key);
    return found && { modelId: found.model.id, jobId: found.source.jobId };
  }
  const fetches = await listJobs(deps.store, { kind: FETCH_MODEL_JOB, status: 'SUCCEEDED' });
  for (const job of fetches) {
    const input = job.input as FetchModelInput;
    if (input.entryId !== entry.id || input.url !== entry.url || !job.resultKey) continue;
    const result = await getResult<ImportModelValue>(deps.store, job.resultKey);
    if (result) return { modelId: result.value.modelId, jobId: job.id };
  }
  return undefined;
}

/** Every catalogue entry, in catalogue order, with whether (and as which model) it is already imported. */
export async function listCatalogue(deps: ApiDeps): Promise<CatalogueEntryView[]> {
  return Promise.all(
    deps.catalogue.map(async (entry) => {
      const imported = await importedFromEntry(deps, entry);
      return { ...entry, importedModelId: imported?.modelId ?? null, importJobId: imported?.jobId ?? null };
    }),
  );
}
