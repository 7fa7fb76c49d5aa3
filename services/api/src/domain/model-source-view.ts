import { getModelSource } from '@branchscope/store';
import type { ModelFormat, ModelSource } from '../generated/resolver-types';
import type { ApiDeps } from './api-deps';

/** Where an imported model came from, as the API shows it (the schema's `ModelSource`). */
export type ModelSourceView = ModelSource;

/** The source of an imported model; null for the built-in ones. */
export async function findModelSourceView(deps: ApiDeps, modelId: string): Promise<ModelSourceView | null> {
  const source = await getModelSource(deps.store, modelId);
  if (!source) return null;
  const { format, fileName, sha256, bytes, importedAt, jobId } = source;
  // The store keeps the format the import job wrote, one of jobs' ModelFormat values.
  return { format: format as ModelFormat, fileName, sha256, bytes, importedAt, jobId };
}
