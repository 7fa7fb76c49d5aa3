import type { Graph, ModelId } from '@branchscope/core';
import { fromJsonColumn, toJsonColumn } from './json-column';
import type { Store } from './open-store';
import type { ModelsTable } from './schema';
import { StoreError } from './store-error';

/** Where a model's weights come from. `seeded`: deterministic random weights from a seed. */
export type WeightSpec = { kind: 'seeded'; seed: number } | { kind: string; [field: string]: unknown };

/** A model in the catalogue. */
export interface ModelRecord {
  id: ModelId;
  name: string;
  /** Architecture family, e.g. `alexnet`, `inception`, `resnet`. */
  family: string;
  graph: Graph;
  weights: WeightSpec;
  createdAt: string;
}

export type NewModel = Omit<ModelRecord, 'createdAt'>;

/**
 * Inserts the models whose ids are not stored yet, all in one transaction, and leaves existing rows untouched.
 * Returns the ids it inserted. If any model is invalid nothing is inserted.
 */
export async function insertModelsIfAbsent(store: Store, models: readonly NewModel[]): Promise<ModelId[]> {
  const createdAt = new Date().toISOString();
  const rows = models.map((model) => toRow(model, createdAt));
  return store.db.transaction().execute(async (trx) => {
    const inserted: ModelId[] = [];
    for (const row of rows) {
      const result = await trx
        .insertInto('models')
        .values(row)
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      if (result.numInsertedOrUpdatedRows && result.numInsertedOrUpdatedRows > 0n) inserted.push(row.id as ModelId);
    }
    return inserted;
  });
}

/** The model with this id, or undefined. */
export async function getModel(store: Store, id: string): Promise<ModelRecord | undefined> {
  const row = await store.db.selectFrom('models').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** Every model, by id. */
export async function listModels(store: Store): Promise<ModelRecord[]> {
  const rows = await store.db.selectFrom('models').selectAll().orderBy('id').execute();
  return rows.map(fromRow);
}

/** The row of a model, checked; for repositories that insert a model inside a larger transaction. */
export function toRow(model: NewModel, createdAt: string): ModelsTable {
  const what = `model '${model.id}'`;
  if (typeof model.id !== 'string' || model.id.length === 0) throw new StoreError('cannot store a model with an empty id');
  if (typeof model.name !== 'string' || model.name.length === 0) throw new StoreError(`cannot store ${what}: it has no name`);
  if (!model.graph || !Array.isArray(model.graph.nodes) || model.graph.nodes.length === 0) {
    throw new StoreError(`cannot store ${what}: its graph has no nodes`);
  }
  if (!model.weights || typeof model.weights.kind !== 'string') {
    throw new StoreError(`cannot store ${what}: its weights have no kind`);
  }
  return {
    id: model.id,
    name: model.name,
    family: model.family,
    graph: toJsonColumn(model.graph, `${what} graph`),
    weights: toJsonColumn(model.weights, `${what} weights`),
    created_at: createdAt,
  };
}

export function fromRow(row: ModelsTable): ModelRecord {
  const what = `model '${row.id}'`;
  return {
    id: row.id as ModelId,
    name: row.name,
    family: row.family,
    graph: fromJsonColumn<Graph>(row.graph, `${what} graph`),
    weights: fromJsonColumn<WeightSpec>(row.weights, `${what} weights`),
    createdAt: row.created_at,
  };
}
