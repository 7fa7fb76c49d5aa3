import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLabelSet } from './label-sets';
import { MIGRATIONS, migrate } from './migrations';
import { getModel } from './models';
import { openStore, sqliteOptions } from './open-store';
import { tempDir } from './testing/temp-store';

describe('migrate', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('brings a version 1 file to the label tables, keeping its models', async () => {
    const path = join(temp.dir, 'v1.db');
    const raw = new BetterSqlite3(path, sqliteOptions());
    migrate(raw, path, MIGRATIONS.slice(0, 1));
    raw
      .prepare("INSERT INTO models VALUES ('m', 'M', 'alexnet', ?, '{\"kind\":\"seeded\",\"seed\":1}', 'then')")
      .run(JSON.stringify({ name: 'g', inputShape: [3, 8, 8], inputRange: [0, 1], output: 'c', nodes: [{ name: 'c', op: 'conv', inputs: [], channels: 4 }] }));
    raw.close();
    const store = openStore(path);
    try {
      expect(store.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
      expect((await getModel(store, 'm'))?.name).toBe('M');
      const set = await createLabelSet(store, { modelId: 'm', name: 's', source: 'human', author: 'ada' }, [{ layer: 'c', unit: 3, category: 'x' }]);
      expect(set.labelCount).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('brings a version 2 file to the artifacts table, which refuses a size that does not match its bytes', async () => {
    const path = join(temp.dir, 'v2.db');
    const raw = new BetterSqlite3(path, sqliteOptions());
    migrate(raw, path, MIGRATIONS.slice(0, 2));
    raw.close();
    const store = openStore(path);
    await store.close();
    const upgraded = new BetterSqlite3(path, sqliteOptions());
    try {
      upgraded.prepare("INSERT INTO models VALUES ('m', 'M', 'x', '{}', '{}', 'then')").run();
      const insert = upgraded.prepare(
        "INSERT INTO artifacts (key, kind, model_id, media_type, bytes, size, meta, job_id, created_at) VALUES ('k', 'png', 'm', 'image/png', ?, ?, '{}', NULL, 'now')",
      );
      expect(() => insert.run(Buffer.from([1, 2]), 3)).toThrow(/CHECK constraint failed/);
      insert.run(Buffer.from([1, 2]), 2);
      expect(upgraded.prepare('SELECT size FROM artifacts').get()).toEqual({ size: 2 });
    } finally {
      upgraded.close();
    }
  });
  it('brings a version 6 file to CANCELLED jobs, keeping its jobs and the results that reference them', async () => {
    const path = join(temp.dir, 'v6.db');
    const raw = new BetterSqlite3(path, sqliteOptions());
    raw.pragma('foreign_keys = ON');
    migrate(raw, path, MIGRATIONS.slice(0, 6));
    raw.prepare("INSERT INTO models VALUES ('m', 'M', 'x', '{}', '{}', 'then')").run();
    raw.prepare("INSERT INTO jobs (id, kind, input, status, created_at) VALUES ('j', 'svd-factors', '{}', 'SUCCEEDED', 'then')").run();
    raw.prepare("INSERT INTO results VALUES ('r', 'svd', 'm', '{}', '{}', 'j', 'then')").run();
    expect(() => raw.prepare("UPDATE jobs SET status = 'CANCELLED'").run()).toThrow(/CHECK constraint failed/);
    raw.close();
    const store = openStore(path);
    await store.close();
    const upgraded = new BetterSqlite3(path, sqliteOptions());
    try {
      upgraded.pragma('foreign_keys = ON');
      upgraded.prepare("UPDATE jobs SET status = 'CANCELLED' WHERE id = 'j'").run();
      expect(upgraded.prepare('SELECT id, status FROM jobs').all()).toEqual([{ id: 'j', status: 'CANCELLED' }]);
      expect(upgraded.pragma('foreign_key_check')).toEqual([]);
      expect(() => upgraded.prepare("INSERT INTO results VALUES ('r2', 'svd', 'm', '{}', '{}', 'nope', 'then')").run()).toThrow(/FOREIGN KEY/);
      expect(() => upgraded.prepare("UPDATE jobs SET status = 'BOGUS'").run()).toThrow(/CHECK constraint failed/);
    } finally {
      upgraded.close();
    }
  });
});
