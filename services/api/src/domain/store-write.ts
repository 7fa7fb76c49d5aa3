import { StoreError } from '@branchscope/store';
import { badInput } from './api-error';

/**
 * Runs a store write whose checks (layer, unit, set kind) are the store's own: a StoreError becomes a
 * BAD_USER_INPUT with the store's message, which names the set, layer, unit and limit.
 */
export async function storeWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StoreError) throw badInput(error.message, error);
    throw error;
  }
}
