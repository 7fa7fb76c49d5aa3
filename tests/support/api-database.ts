import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPostgresServer, type PostgresServer } from '@branchscope/store/testing';
import { afterAll, beforeAll } from 'vitest';
import { tempDbPath } from './start-api';

/** The databases the API suites that run on both start it with. */
export const API_DATABASES = ['sqlite', 'postgres'] as const;
export type ApiDatabaseKind = (typeof API_DATABASES)[number];

/** A fresh database for one API: `dbPath` is its `BRANCHSCOPE_DB`, `env` the rest it needs. */
export interface ApiDatabase {
  dbPath: string;
  env: Record<string, string>;
  /** Where the API keeps the files beside the database (uploads, downloads, blob files). */
  filesDir: string;
  remove(): void;
}

export interface ApiDatabases {
  /** A new, empty database: a SQLite file in a temp folder, or a new database on the file's PostgreSQL server (its files in a temp folder). */
  fresh(): Promise<ApiDatabase>;
}

/**
 * Call in a `describe.each(API_DATABASES)` body (or a describe for one kind). For `postgres`, a real PostgreSQL
 * server runs for the suite (`startPostgresServer`), started before its first test and stopped after its last.
 */
export function apiDatabases(kind: ApiDatabaseKind): ApiDatabases {
  let server: PostgresServer | undefined;
  if (kind === 'postgres') {
    beforeAll(async () => {
      server = await startPostgresServer();
    });
    afterAll(async () => {
      await server?.stop();
    });
  }
  return {
    async fresh(): Promise<ApiDatabase> {
      if (kind === 'sqlite') {
        const db = tempDbPath();
        return { dbPath: db.dbPath, env: {}, filesDir: path.dirname(db.dbPath), remove: db.remove };
      }
      if (!server) throw new Error('apiDatabases: the PostgreSQL server is started in beforeAll; ask for a database inside a hook or test');
      const dataDir = mkdtempSync(path.join(tmpdir(), 'branchscope-api-pg-'));
      return { dbPath: await server.createDatabase(), env: { BRANCHSCOPE_DATA_DIR: dataDir }, filesDir: dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  };
}
