import { getModel, listModels, type ModelRecord, type Store } from '@branchscope/store';

/** The stored model, or an error naming the id and the known ones (failing the job). */
export async function requireModel(store: Store, id: string): Promise<ModelRecord> {
  const model = await getModel(store, id);
  if (model) return model;
  const known = (await listModels(store)).map((m) => m.id);
  throw new Error(`model '${id}' is not in the store; known models: ${known.join(', ') || 'none'}`);
}
