import { CompiledQuery, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type PostgresDialectConfig, type TransactionSettings } from 'kysely';

/** The advisory lock key every store transaction takes (any fixed 64-bit number; this one spells "bscope"). */
export const STORE_WRITE_LOCK = 0x627363_6f7065;

/**
 * Kysely's PostgreSQL driver with every transaction serialized against every other store transaction on the
 * database, as SQLite's `BEGIN IMMEDIATE` serializes them on a file: right after BEGIN it waits for one
 * transaction-scoped advisory lock, released at COMMIT or ROLLBACK. The store's read-check-write transactions
 * (dedupe a job, replace a unit's label, insert a model unless present) then behave alike on both databases, from
 * any number of API and worker processes. Plain reads take no lock.
 */
class SerializedPostgresDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${STORE_WRITE_LOCK})`));
  }
}

/** {@link PostgresDialect} whose transactions are serialized (see {@link SerializedPostgresDriver}). */
export class SerializedPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new SerializedPostgresDriver(this.#config);
  }
}
