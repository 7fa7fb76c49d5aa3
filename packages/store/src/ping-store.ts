import type { Store } from './open-store';

/**
 * A cheap read that fails when the store cannot serve: closed, its file gone bad, or its jobs table missing (it
 * reads at most one row of `jobs`). For `/health`; rejects with the driver's error.
 */
export async function pingStore(store: Store): Promise<void> {
  await store.db.selectFrom('jobs').select('id').limit(1).execute();
}
