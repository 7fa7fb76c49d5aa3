import { getModelSource } from '@branchscope/store';
import type { ApiDeps } from './api-deps';

/** Where an imported model came from, as the API shows it. */
export interface ModelSourceView {
  /** `onnx`, `tfjs` or `graphdef` (the schema's ModelFormat enum shows them as ONNX, TFJS and GRAPHDEF). */
  format: string;
  fileName: string;
  sha256: string;
  bytes: number;
  importedAt: string;
  jobId: string | null;
}

/** The source of an imported model; null for the built-in ones. */
export async function findModelSourceView(deps: ApiDeps, modelId: string): Promise<ModelSourceView | null> {
  const source = await getModelSource(deps.store, modelId);
  if (!source) return null;
  const { format, fileName, sha256, bytes, importedAt, jobId } = source;
  return { format, fileName, sha256, bytes, importedAt, jobId };
}
