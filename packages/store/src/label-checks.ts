import type { Graph } from '@branchscope/core';
import type { Kysely, Transaction } from 'kysely';
import { fromJsonColumn } from './json-column';
import type { StoreSchema } from './schema';
import { StoreError } from './store-error';

/** A label as written: `author` and `at` default to the writer's. */
export interface NewLabel {
  layer: string;
  unit: number;
  category: string;
  author?: string;
  at?: string;
}

/** A stored model's units per layer. */
export interface LayerUnits {
  modelId: string;
  units: ReadonlyMap<string, number>;
}

/** Units per layer of a stored model, read inside the caller's transaction. */
export async function layerUnitsOf(db: Kysely<StoreSchema> | Transaction<StoreSchema>, modelId: string, what: string): Promise<LayerUnits> {
  const row = await db.selectFrom('models').select('graph').where('id', '=', modelId).executeTakeFirst();
  if (!row) throw new StoreError(`${what}: model '${modelId}' is not stored`);
  const graph = fromJsonColumn<Graph>(row.graph, `model '${modelId}' graph`);
  return { modelId, units: new Map(graph.nodes.map((node) => [node.name, node.channels])) };
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

/**
 * Checks one label against its model's layers: the layer exists and the unit is an index into its output.
 * Throws a StoreError naming the label set, the layer, the unit and the limit.
 */
export function checkLabel(label: NewLabel, model: LayerUnits, what: string): void {
  if (!nonEmpty(label.layer)) throw new StoreError(`${what}: a label needs a layer name, got ${JSON.stringify(label.layer)}`);
  const channels = model.units.get(label.layer);
  if (channels === undefined) throw new StoreError(`${what}: model '${model.modelId}' has no layer '${label.layer}'`);
  if (!Number.isInteger(label.unit) || label.unit < 0 || label.unit >= channels) {
    throw new StoreError(
      `${what}: unit ${label.unit} is out of range for layer '${label.layer}', which has ${channels} units (0 to ${channels - 1})`,
    );
  }
  if (!nonEmpty(label.category)) {
    throw new StoreError(`${what}: layer '${label.layer}' unit ${label.unit} needs a non-empty category, got ${JSON.stringify(label.category)}`);
  }
  if (label.author !== undefined && !nonEmpty(label.author)) {
    throw new StoreError(`${what}: layer '${label.layer}' unit ${label.unit} has an empty author`);
  }
}
