import type { ModelId } from '@branchscope/core';
import type { ResultKey } from './content-key';
import { fromJsonColumn, toJsonColumn } from './json-column';
import type { Store } from './open-store';
import type { ResultsTable } from './schema';
import { StoreError } from './store-error';

/** A computed result, stored under the content hash of what it was computed from. */
export interface ResultRecord<V = unknown> {
  key: ResultKey;
  kind: string;
  modelId: ModelId;
  params: unknown;
  value: V;
  jobId: string | null;
  createdAt: string;
}

/** `createdAt`: when it was computed, now by default (a Redis worker's values are stored with their own time). */
export type NewResult<V = unknown> = Omit<ResultRecord<V>, 'createdAt'> & { createdAt?: string };

/**
 * Stores a result. Results are content-addressed, so when the key is already stored the first row is kept
 * and returned: a recomputation never overwrites what is there. Rejects values JSON cannot hold faithfully
 * and results for models that are not stored.
 */
export async function putResult<V>(store: Store, result: NewResult<V>): Promise<ResultRecord<V>> {
  const what = `result ${result.key} (${result.kind})`;
  if (result.createdAt !== undefined && Number.isNaN(Date.parse(result.createdAt))) throw new StoreError(`cannot store ${what}: createdAt '${result.createdAt}' is not a date`);
  const row: ResultsTable = {
    key: result.key,
    kind: result.kind,
    model_id: result.modelId,
    params: toJsonColumn(result.params, `${what} params`),
    value: toJsonColumn(result.value, `${what} value`),
    job_id: result.jobId,
    created_at: result.createdAt ?? new Date().toISOString(),
  };
  return store.db.transaction().execute(async (trx) => {
    const model = await trx.selectFrom('models').select('id').where('id', '=', result.modelId).executeTakeFirst();
    if (!model) throw new StoreError(`cannot store ${what}: model '${result.modelId}' is not stored`);
    await trx.insertInto('results').values(row).onConflict((conflict) => conflict.column('key').doNothing()).execute();
    const stored = await trx.selectFrom('results').selectAll().where('key', '=', result.key).executeTakeFirstOrThrow();
    return fromRow<V>(stored);
  });
}

/** The result stored under `key`, or undefined. */
export async function getResult<V = unknown>(store: Store, key: string): Promise<ResultRecord<V> | undefined> {
  const row = await store.db.selectFrom('results').selectAll().where('key', '=', key).executeTakeFirst();
  return row && fromRow<V>(row);
}

function fromRow<V>(row: ResultsTable): ResultRecord<V> {
  const what = `result ${row.key}`;
  return {
    key: row.key as ResultKey,
    kind: row.kind,
    modelId: row.model_id as ModelId,
    params: fromJsonColumn(row.params, `${what} params`),
    value: fromJsonColumn<V>(row.value, `${what} value`),
    jobId: row.job_id,
    createdAt: row.created_at,
  };
}
