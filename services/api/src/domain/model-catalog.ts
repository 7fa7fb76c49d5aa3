import { findBranches, type BranchedBlock, type Graph } from '@branchscope/core';
import { getModel, listModels, type ModelRecord, type Store } from '@branchscope/store';
import { notFound } from './api-error';

/** Read access to stored models, with each model's branched blocks found once and remembered. */
export interface ModelCatalog {
  list(): Promise<ModelRecord[]>;
  /** The model, or undefined. */
  find(id: string): Promise<ModelRecord | undefined>;
  /** The model, or a NOT_FOUND error naming the id and listing the known ids. */
  require(id: string): Promise<ModelRecord>;
  blocks(model: ModelRecord): BranchedBlock[];
}

export function createModelCatalog(store: Store): ModelCatalog {
  // Keyed by id and creation time: a model re-registered under the same id gets its blocks found again.
  const blocksByModel = new Map<string, BranchedBlock[]>();
  const find = (id: string) => getModel(store, id);
  return {
    list: () => listModels(store),
    find,
    async require(id) {
      const model = await find(id);
      if (model) return model;
      const known = (await listModels(store)).map((m) => m.id);
      throw notFound(`no model with id '${id}'; known models: ${known.join(', ') || 'none'}`);
    },
    blocks(model) {
      const key = `${model.id}@${model.createdAt}`;
      let blocks = blocksByModel.get(key);
      if (!blocks) {
        blocks = findBranches(model.graph as Graph);
        blocksByModel.set(key, blocks);
      }
      return blocks;
    },
  };
}
