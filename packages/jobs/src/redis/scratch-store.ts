import { openStore, type Store } from '@branchscope/store';
import { sql, type Kysely } from 'kysely';
import { insertRows, rowTables, type TableRows } from './table-rows';

/** A throwaway in-memory store one job runs against. */
export interface ScratchStore {
  readonly store: Store;
  /** Every row inserted since the store was seeded, by table (the `jobs` table is left out: the API owns it). */
  writes(): Promise<TableRows>;
  close(): Promise<void>;
}

/**
 * Opens an in-memory store holding only `reads` (the job's row, its model, its weights). Foreign keys are off
 * while seeding, since a copied row may point at rows that were not copied (the job that imported the weights).
 */
export async function openScratchStore(reads: TableRows): Promise<ScratchStore> {
  const store = openStore(':memory:');
  const db = store.db as unknown as Kysely<unknown>;
  try {
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    await db.transaction().execute((trx) => insertRows(trx, reads));
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  } catch (error) {
    await store.close();
    throw error;
  }
  const tables = (await rowTables(db)).filter((table) => table !== 'jobs');
  const seeded = new Map<string, number>();
  for (const table of tables) {
    const { rows } = await sql<{ last: number | null }>`SELECT max(rowid) AS last FROM ${sql.table(table)}`.execute(db);
    seeded.set(table, rows[0]?.last ?? 0);
  }
  return {
    store,
    async writes() {
      const writes: TableRows = {};
      for (const table of tables) {
        const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE rowid > ${seeded.get(table)!} ORDER BY rowid`.execute(db);
        if (rows.length > 0) writes[table] = rows;
      }
      return writes;
    },
    close: () => store.close(),
  };
}
