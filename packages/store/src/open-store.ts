import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect';
import { migrate } from './migrations';
import { isPostgresTarget, maskStoreTarget } from './store-target';
import type { StoreSchema } from './schema';
import { StoreError } from './store-error';

/** An open embedded database. Pass it to the repository functions (`getModel(store, id)`, ...). */
export interface Store {
  /**
   * The SQLite file; for PostgreSQL, the path its files are kept beside (`<files folder>/postgres`): blob files of
   * large artifacts in `<path>-blobs`, and the API's uploads and downloads in the same folder.
   */
  readonly path: string;
  /** Which database holds the rows. */
  readonly dialect: 'sqlite' | 'postgres';
  /** What messages name: the file, or the URL with its password masked. */
  readonly location: string;
  /** What opens this store again in another process (`connectStore`): the file, or the URL itself. */
  readonly target: string;
  readonly db: Kysely<StoreSchema>;
  /** Schema version after migrations ran. */
  readonly schemaVersion: number;
  close(): Promise<void>;
}

/**
 * better-sqlite3's options for every connection: the native addon at `BRANCHSCOPE_SQLITE_BINDING` when that is set
 * (a build for another Node ABI, as `scripts/test-other-nodes.mjs` makes), else the one in node_modules.
 */
export function sqliteOptions(): BetterSqlite3.Options {
  const binding = process.env.BRANCHSCOPE_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}

/**
 * Opens (creating it and its folder if needed) the SQLite file at `path` (`connectStore` opens a PostgreSQL URL too), in WAL mode with foreign keys
 * enforced, and runs pending migrations. Throws a `StoreError` naming the file when it is not a usable database.
 */
export function openStore(path: string): Store {
  if (isPostgresTarget(path)) throw new StoreError(`cannot open ${maskStoreTarget(path)} as a SQLite file: open a postgres:// URL with connectStore`);
  const absolute = path === ':memory:' ? path : resolve(path);
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    if (absolute !== ':memory:') mkdirSync(dirname(absolute), { recursive: true });
    sqlite = new BetterSqlite3(absolute, sqliteOptions());
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // Several processes (API, workers) may share the file; wait for a lock rather than fail at once.
    sqlite.pragma('busy_timeout = 5000');
    const schemaVersion = migrate(sqlite, absolute);
    const db = new Kysely<StoreSchema>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
    return { path: absolute, dialect: 'sqlite', location: absolute, target: absolute, db, schemaVersion, close: () => db.destroy() };
  } catch (error) {
    sqlite?.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot open store ${absolute}: ${(error as Error).message}`, { cause: error });
  }
}
