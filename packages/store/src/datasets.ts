import { fromJsonColumn, toJsonColumn } from './json-column';
import type { Store } from './open-store';
import type { DatasetsTable } from './schema';
import { StoreError } from './store-error';

/** An image folder registered as a dataset. */
export interface DatasetRecord {
  id: string;
  name: string;
  /** Absolute path of the folder on the server. */
  path: string;
  images: number;
  /** Class folder names. */
  classes: string[];
  createdAt: string;
}

export type NewDataset = Omit<DatasetRecord, 'createdAt'>;

const fromRow = (row: DatasetsTable): DatasetRecord => ({
  id: row.id,
  name: row.name,
  path: row.path,
  images: row.images,
  classes: fromJsonColumn<string[]>(row.classes, `dataset ${row.id} classes`),
  createdAt: row.created_at,
});

/**
 * Registers a dataset, or returns the one already registered with the same path (the folder is registered once).
 * A different dataset under the same id is a StoreError naming both paths.
 */
export async function registerDataset(store: Store, dataset: NewDataset): Promise<DatasetRecord> {
  return store.db.transaction().execute(async (trx) => {
    const byPath = await trx.selectFrom('datasets').selectAll().where('path', '=', dataset.path).executeTakeFirst();
    if (byPath) return fromRow(byPath);
    const byId = await trx.selectFrom('datasets').selectAll().where('id', '=', dataset.id).executeTakeFirst();
    if (byId) throw new StoreError(`dataset id '${dataset.id}' is taken by ${byId.path}; cannot register ${dataset.path} under it`);
    const row: DatasetsTable = {
      id: dataset.id,
      name: dataset.name,
      path: dataset.path,
      images: dataset.images,
      classes: toJsonColumn(dataset.classes, `dataset ${dataset.id} classes`),
      created_at: new Date().toISOString(),
    };
    await trx.insertInto('datasets').values(row).execute();
    return fromRow(row);
  });
}

export async function getDataset(store: Store, id: string): Promise<DatasetRecord | undefined> {
  const row = await store.db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** Every dataset, oldest first. */
export async function listDatasets(store: Store): Promise<DatasetRecord[]> {
  return (await store.db.selectFrom('datasets').selectAll().orderBy('created_at').orderBy('id').execute()).map(fromRow);
}
