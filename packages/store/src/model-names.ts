import type { ModelId } from '@branchscope/core';
import type { Store } from './open-store';
import { StoreError } from './store-error';

/** A stored model's id and the name it should have. */
export interface ModelName {
  id: string;
  name: string;
}

/**
 * Gives stored models new names, in one transaction: each row with one of the ids whose name differs gets the
 * new one; unknown ids and rows already so named are left alone. Returns the ids it renamed. For names the code
 * owns (the built-in models), so a database from an earlier version shows today's names.
 */
export async function renameModels(store: Store, names: readonly ModelName[]): Promise<ModelId[]> {
  for (const { id, name } of names) {
    if (typeof name !== 'string' || name.trim() === '') throw new StoreError(`cannot rename model '${id}' to an empty name`);
  }
  return store.db.transaction().execute(async (trx) => {
    const renamed: ModelId[] = [];
    for (const { id, name } of names) {
      const result = await trx.updateTable('models').set({ name }).where('id', '=', id).where('name', '!=', name).executeTakeFirst();
      if (result.numUpdatedRows > 0n) renamed.push(id as ModelId);
    }
    return renamed;
  });
}
