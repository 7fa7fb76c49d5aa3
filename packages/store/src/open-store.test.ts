import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';
import { getModel, insertModelsIfAbsent } from './models';
import { openStore, sqliteOptions } from './open-store';
import { alexnetModel, tempDir } from './testing/temp-store';

describe('openStore', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('creates the file and its missing parent folders', async () => {
    const path = join(temp.dir, 'a', 'b', 'store.db');
    const store = openStore(path);
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('opens the database in WAL mode', async () => {
    const path = join(temp.dir, 'store.db');
    await openStore(path).close();
    const raw = new BetterSqlite3(path, sqliteOptions());
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('keeps the rows when the file is closed and opened again', async () => {
    const path = join(temp.dir, 'store.db');
    const first = openStore(path);
    await insertModelsIfAbsent(first, [alexnetModel()]);
    await first.close();
    const second = openStore(path);
    const model = await getModel(second, 'alexnet');
    await second.close();
    expect(model?.graph.nodes.find((node) => node.name === 'conv1')?.channels).toBe(96);
  });

  it('names the file when it is not a database', () => {
    const path = join(temp.dir, 'not-a-db.db');
    writeFileSync(path, 'this is plain text, not SQLite '.repeat(200));
    expect(() => openStore(path)).toThrow(/cannot open store .*not-a-db\.db: file is not a database/);
  });

  it('refuses a database written by a newer schema version', () => {
    const path = join(temp.dir, 'future.db');
    const raw = new BetterSqlite3(path, sqliteOptions());
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openStore(path)).toThrow(`schema version 999, newer than this code knows (${MIGRATIONS.at(-1)!.version})`);
  });
});
