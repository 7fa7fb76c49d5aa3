import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connectStore } from './connect-store';
import { insertJob, listJobs, startJob } from './jobs';
import { MIGRATIONS } from './migrations';
import { getModel, insertModelsIfAbsent } from './models';
import { openStore } from './open-store';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';
import { maskStoreTarget } from './store-target';
import { alexnetModel, tempDir } from './testing/temp-store';
import { testStores } from './testing/test-stores';

describe('a PostgreSQL store', () => {
  const stores = testStores('postgres');

  it('has every SQLite migration, version for version and name for name', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });

  it('migrates an empty database to the newest schema, and reopening it changes nothing and keeps the rows', async () => {
    const url = await (await stores.server()).createDatabase();
    const temp = tempDir();
    try {
      const first = await connectStore(url, { filesDir: temp.dir });
      expect(first).toMatchObject({ dialect: 'postgres', schemaVersion: MIGRATIONS.at(-1)!.version, location: url, path: `${temp.dir}/postgres` });
      const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(first.db);
      expect(tables.rows.map((row) => row.table_name)).toEqual(['api_tokens', 'artifacts', 'datasets', 'jobs', 'label_sets', 'labels', 'model_sources', 'models', 'results', 'schema_version']);
      await insertModelsIfAbsent(first, [alexnetModel()]);
      await first.close();
      const again = await connectStore(url, { filesDir: temp.dir });
      expect(again.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
      expect((await getModel(again, 'alexnet'))?.graph.nodes.length).toBe(alexnetModel().graph.nodes.length);
      const versions = await sql<{ version: number }>`SELECT version FROM schema_version`.execute(again.db);
      expect(versions.rows).toEqual([{ version: MIGRATIONS.at(-1)!.version }]);
      await again.close();
    } finally {
      temp.remove();
    }
  });

  it('is migrated once when several processes open an empty database at the same moment', async () => {
    const url = await (await stores.server()).createDatabase();
    const opened = await Promise.all(Array.from({ length: 4 }, () => connectStore(url)));
    expect(opened.map((store) => store.schemaVersion)).toEqual(Array(4).fill(MIGRATIONS.at(-1)!.version));
    await Promise.all(opened.map((store) => store.close()));
  });

  it('lets exactly one of several processes claim a queued job, and dedupes a key enqueued by all of them at once', async () => {
    const url = await (await stores.server()).createDatabase();
    const processes = await Promise.all(Array.from({ length: 4 }, () => connectStore(url)));
    try {
      const jobs = await Promise.all(processes.map((store) => insertJob(store, { kind: 'k', input: {}, dedupeKey: 'same' })));
      expect(new Set(jobs.map(({ job }) => job.id)).size).toBe(1);
      expect(jobs.filter(({ created }) => created)).toHaveLength(1);
      const id = jobs[0]!.job.id;
      const claims = await Promise.all(processes.flatMap((store) => [startJob(store, id), startJob(store, id)]));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await listJobs(processes[0]!)).toMatchObject([{ id, status: 'RUNNING' }]);
    } finally {
      await Promise.all(processes.map((store) => store.close()));
    }
  });

  it('refuses a database written by a newer schema version, naming it', async () => {
    const url = await (await stores.server()).createDatabase();
    await (await connectStore(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('UPDATE schema_version SET version = 999');
    await client.end();
    await expect(connectStore(url)).rejects.toThrow(`store ${url} has schema version 999, newer than this code knows (${MIGRATIONS.at(-1)!.version})`);
  });

  it('names the host and port of a server it cannot reach, with the password masked', async () => {
    const port = (await stores.server()).port;
    // The server's own port plus nothing listening: a port just freed by a closed listener.
    const { createServer } = await import('node:net');
    const closedPort = await new Promise<number>((resolve) => {
      const listener = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = listener.address() as { port: number };
        listener.close(() => resolve(free));
      });
    });
    expect(closedPort).not.toBe(port);
    const url = `postgres://ada:s3cret-pass@127.0.0.1:${closedPort}/branchscope`;
    const failure = await connectStore(url).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(new RegExp(`^cannot open store postgres://ada:\\*\\*\\*@127\\.0\\.0\\.1:${closedPort}/branchscope: cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${closedPort}: .*ECONNREFUSED`));
    expect(failure?.message).not.toContain('s3cret-pass');
  });

  it('names a database the server does not have', async () => {
    const url = (await stores.server()).urlOf('no_such_database');
    await expect(connectStore(url)).rejects.toThrow(/cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: database "no_such_database" does not exist/);
  });

  it('is refused by openStore, which opens SQLite files only', () => {
    expect(() => openStore('postgres://ada:pw@db.example:5432/x')).toThrow('cannot open postgres://ada:***@db.example:5432/x as a SQLite file: open a postgres:// URL with connectStore');
  });
});

describe('maskStoreTarget', () => {
  it('masks the password of a URL and leaves file paths alone', () => {
    expect(maskStoreTarget('postgres://ada:pw@db:5432/x')).toBe('postgres://ada:***@db:5432/x');
    expect(maskStoreTarget('postgresql://ada@db/x?sslmode=require&password=pw')).toBe('postgresql://ada@db/x?sslmode=require&password=***');
    expect(maskStoreTarget('postgres://db/x')).toBe('postgres://db/x');
    expect(maskStoreTarget('/data/branchscope.db')).toBe('/data/branchscope.db');
  });
});
