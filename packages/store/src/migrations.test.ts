import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLabelSet } from './label-sets';
import { MIGRATIONS, migrate } from './migrations';
import { getModel } from './models';
import { openStore } from './open-store';
import { tempDir } from './testing/temp-store';

describe('migrate', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('brings a version 1 file to the label tables, keeping its models', async () => {
    const path = join(temp.dir, 'v1.db');
    const raw = new BetterSqlite3(path);
    migrate(raw, path, MIGRATIONS.slice(0, 1));
    raw
      .prepare("INSERT INTO models VALUES ('m', 'M', 'alexnet', ?, '{\"kind\":\"seeded\",\"seed\":1}', 'then')")
      .run(JSON.stringify({ name: 'g', inputShape: [3, 8, 8], inputRange: [0, 1], output: 'c', nodes: [{ name: 'c', op: 'conv', inputs: [], channels: 4 }] }));
    raw.close();
    const store = openStore(path);
    try {
      expect(store.schemaVersion).toBe(2);
      expect((await getModel(store, 'm'))?.name).toBe('M');
      const set = await createLabelSet(store, { modelId: 'm', name: 's', source: 'human', author: 'ada' }, [{ layer: 'c', unit: 3, category: 'x' }]);
      expect(set.labelCount).toBe(1);
    } finally {
      await store.close();
    }
  });
});
