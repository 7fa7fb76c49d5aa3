import { openStore, type Store } from '@branchscope/store';
import { sql, type Kysely } from 'kysely';
import { commitAll, discardAll, stageSentFiles, withBlobFiles } from './row-files';
import { insertRows, rowTables, type TableRows } from './table-rows';

/** A throwaway in-memory store one job runs against. */
export interface ScratchStore {
  readonly store: Store;
  /**
   * Every row inserted since the store was seeded, by table (the `jobs` table is left out: the API owns it); a row
   * whose bytes lie in a blob file carries the file (`withBlobFiles`).
   */
  writes(): Promise<TableRows>;
  close(): Promise<void>;
}

/**
 * Opens an in-memory store holding only `reads` (the job's row, its model, its weights). Foreign keys are off
 * while seeding, since a copied row may point at rows that were not copied (the job that imported the weights).
 * In-memory stores share one blob folder per process, so a weights blob file sent with one job is fetched once
 * for every later job on that model.
 */
export async function openScratchStore(reads: TableRows): Promise<ScratchStore> {
  const store = openStore(':memory:');
  const db = store.db as unknown as Kysely<unknown>;
  try {
    const placed = await stageSentFiles(store, reads);
    try {
      await sql`PRAGMA foreign_keys = OFF`.execute(db);
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, placed.rows);
        await commitAll(store, placed.staged);
      });
      await sql`PRAGMA foreign_keys = ON`.execute(db);
    } finally {
      await discardAll(placed.staged);
    }
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
      return withBlobFiles(store, writes);
    },
    close: () => store.close(),
  };
}
