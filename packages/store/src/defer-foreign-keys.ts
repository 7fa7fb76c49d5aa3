import { sql, type Transaction } from 'kysely';
import type { Store } from './open-store';
import type { StoreSchema } from './schema';

/**
 * Checks the foreign keys of `trx` at its commit instead of at each statement, so rows copied from elsewhere (a
 * worker's results) may be inserted in any order: SQLite's `defer_foreign_keys`, PostgreSQL's deferred constraints
 * (its foreign keys are DEFERRABLE, see `postgres-migrations.ts`).
 */
export async function deferForeignKeys(store: Pick<Store, 'dialect'>, trx: Transaction<StoreSchema>): Promise<void> {
  if (store.dialect === 'postgres') await sql`SET CONSTRAINTS ALL DEFERRED`.execute(trx);
  else await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
}
