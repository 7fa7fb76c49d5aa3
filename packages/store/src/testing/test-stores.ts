import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { connectStore } from '../connect-store';
import { openStore, type Store } from '../open-store';
import { startPostgresServer, type PostgresServer } from './postgres-server';
import { tempDir } from './temp-store';

/** The databases the store suites run against. */
export const STORE_DIALECTS = ['sqlite', 'postgres'] as const;
export type StoreDialect = (typeof STORE_DIALECTS)[number];

/** One PostgreSQL server per test file, started by the first suite that needs it and stopped after the last. */
let server: Promise<PostgresServer> | undefined;
let users = 0;

export interface TestStores {
  /**
   * A fresh, empty, migrated store of the suite's dialect: a SQLite file in a temp folder, or a new database on the
   * test file's PostgreSQL server (its files in a temp folder). Closed and removed after each test.
   */
  open(): Promise<Store>;
  /** The PostgreSQL server (postgres suites only). */
  server(): Promise<PostgresServer>;
}

/** Call in a `describe.each(STORE_DIALECTS)` body: hooks that start the database and clean up after each test. */
export function testStores(dialect: StoreDialect): TestStores {
  const cleanups: (() => Promise<void> | void)[] = [];
  if (dialect === 'postgres') {
    beforeAll(async () => {
      users += 1;
      server ??= startPostgresServer();
      await server;
    }, 60_000);
    afterAll(async () => {
      users -= 1;
      if (users === 0 && server) {
        const running = server;
        server = undefined;
        await (await running).stop();
      }
    }, 30_000);
  }
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    async open() {
      const temp = tempDir();
      cleanups.push(temp.remove);
      const store = dialect === 'sqlite' ? openStore(join(temp.dir, 'store.db')) : await connectStore(await (await server!).createDatabase(), { filesDir: temp.dir });
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        await store.close();
      };
      cleanups.push(close);
      return { ...store, close };
    },
    server: () => {
      if (!server) throw new Error('testStores: the PostgreSQL server runs for postgres suites only');
      return server;
    },
  };
}
