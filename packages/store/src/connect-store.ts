import path from 'node:path';
import { Kysely } from 'kysely';
import pg from 'pg';
import { openStore, type Store } from './open-store';
import { migratePostgres } from './postgres-migrations';
import type { StoreSchema } from './schema';
import { SerializedPostgresDialect } from './serialized-postgres-dialect';
import { StoreError } from './store-error';
import { isPostgresTarget, maskStoreTarget, postgresHostPort } from './store-target';

export interface ConnectOptions {
  /**
   * For PostgreSQL: the folder for the files a database keeps beside it (blob files of large artifacts; the API's
   * uploads and downloads). `data` under the working directory by default. A SQLite store keeps them beside its file.
   */
  filesDir?: string;
  /** For PostgreSQL: connections the store may hold at once; 10 by default. */
  maxConnections?: number;
  /** For PostgreSQL: how long to wait for a connection, in milliseconds; 10 s by default. */
  connectTimeoutMs?: number;
}

const INT8_OID = 20;

/**
 * BIGINT (and `count(*)`) read back as JavaScript numbers, as SQLite's integers are: sizes and counts stay far
 * below 2^53. Everything else as pg reads it (TEXT as strings, BYTEA as Buffers, DOUBLE PRECISION as numbers).
 */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Why a connection failed, in one line: Node's errors for `localhost` come as an AggregateError with no message of its own. */
function reasonOf(error: unknown): string {
  const failure = error as Error & { errors?: Error[]; code?: string };
  if (failure.message) return failure.message;
  if (Array.isArray(failure.errors) && failure.errors.length > 0) return failure.errors.map((inner) => inner.message).join('; ');
  return failure.code ?? String(error);
}

/**
 * Opens the store `target` names: a `postgres://` (or `postgresql://`) URL opens that PostgreSQL database through
 * the same store code (kysely's PostgreSQL dialect over `pg`, transactions serialized as SQLite's are, the schema
 * migrated to the newest version); anything else is a SQLite file (`openStore`). Throws a StoreError naming the
 * host and port, with the password masked, when the server cannot be reached or refuses the connection.
 */
export async function connectStore(target: string, options: ConnectOptions = {}): Promise<Store> {
  if (!isPostgresTarget(target)) return openStore(target);
  const location = maskStoreTarget(target);
  let url: URL;
  try {
    url = new URL(target.trim());
  } catch {
    throw new StoreError(`cannot open store ${location}: it is not a valid URL (postgres://user:password@host:5432/database)`);
  }
  const pool = new pg.Pool({
    connectionString: target.trim(),
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types,
  });
  // An idle connection the server closed (a restart) is dropped by the pool; the next query opens another or fails.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`cannot open store ${location}: cannot connect to PostgreSQL at ${postgresHostPort(url)}: ${reasonOf(error)}`, { cause: error });
  }
  const db = new Kysely<StoreSchema>({ dialect: new SerializedPostgresDialect({ pool }) });
  try {
    const schemaVersion = await migratePostgres(db as unknown as Kysely<unknown>, location);
    const filesDir = path.resolve(options.filesDir ?? 'data');
    return { path: path.join(filesDir, 'postgres'), dialect: 'postgres', location, target: target.trim(), db, schemaVersion, close: () => db.destroy() };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot open store ${location}: ${reasonOf(error)}`, { cause: error });
  }
}
