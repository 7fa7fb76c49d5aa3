import { randomUUID } from 'node:crypto';
import type { LabelSetId, LabelSource, ModelId } from '@branchscope/core';
import type { Transaction } from 'kysely';
import { fromJsonColumn, toJsonColumn } from './json-column';
import { checkLabel, layerUnitsOf, type NewLabel } from './label-checks';
import type { Store } from './open-store';
import type { LabelSetsTable, LabelsTable, StoreSchema } from './schema';
import { StoreError } from './store-error';

const SOURCES: readonly LabelSource[] = ['human', 'rule', 'published'];

/** A stored label set, without its labels (read them with `listLabels`). */
export interface LabelSetRecord {
  id: LabelSetId;
  modelId: ModelId;
  name: string;
  source: LabelSource;
  /** Who made the set: a person, `rules`, or the publication. */
  author: string;
  /** How the set was made, e.g. a rule set's thresholds; `{}` when nothing to record. */
  params: Record<string, unknown>;
  createdAt: string;
  labelCount: number;
}

export interface NewLabelSet {
  /** `<source>:<uuid>` when left out. */
  id?: string;
  modelId: string;
  name: string;
  source: LabelSource;
  author: string;
  params?: Record<string, unknown>;
}

/**
 * Stores a label set with its first labels in one transaction, every label checked against the model's layers.
 * A human set holds at most one label per (layer, unit); other sets at most one per (layer, unit, category).
 * Throws a StoreError naming the set, layer, unit or limit; then nothing is stored.
 */
export async function createLabelSet(store: Store, set: NewLabelSet, labels: readonly NewLabel[] = []): Promise<LabelSetRecord> {
  const row = toRow(set);
  await store.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('label_sets').select('id').where('id', '=', row.id).executeTakeFirst();
    if (existing) throw new StoreError(`cannot create label set '${row.id}': a label set with this id is already stored`);
    await insertSet(trx, row, labels);
  });
  return (await getLabelSet(store, row.id))!;
}

/**
 * Stores a label set with its labels unless a set with its id is already stored (then nothing changes, whatever
 * the labels). For sets registered at start, like published ones. Returns whether it stored the set.
 */
export async function insertLabelSetIfAbsent(store: Store, set: NewLabelSet & { id: string }, labels: readonly NewLabel[]): Promise<boolean> {
  const row = toRow(set);
  return store.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('label_sets').select('id').where('id', '=', row.id).executeTakeFirst();
    if (existing) return false;
    await insertSet(trx, row, labels);
    return true;
  });
}

/** The label set with this id, or undefined. */
export async function getLabelSet(store: Store, id: string): Promise<LabelSetRecord | undefined> {
  const row = await withCount(store).where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** Label sets, oldest first, optionally of one model only. */
export async function listLabelSets(store: Store, filter: { modelId?: string } = {}): Promise<LabelSetRecord[]> {
  let query = withCount(store);
  if (filter.modelId !== undefined) query = query.where('model_id', '=', filter.modelId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(fromRow);
}

function withCount(store: Store) {
  return store.db
    .selectFrom('label_sets')
    .selectAll('label_sets')
    .select((eb) =>
      eb.selectFrom('labels').select(eb.fn.countAll<number>().as('n')).whereRef('labels.label_set_id', '=', 'label_sets.id').as('label_count'),
    );
}

async function insertSet(trx: Transaction<StoreSchema>, row: LabelSetsTable, labels: readonly NewLabel[]): Promise<void> {
  const what = `label set '${row.id}'`;
  const model = await layerUnitsOf(trx, row.model_id, `cannot store ${what}`);
  const seen = new Map<string, number>();
  const rows: LabelsTable[] = labels.map((label, i) => {
    checkLabel(label, model, `cannot store ${what}: label ${i}`);
    // Human sets hold one opinion per unit; the others may give a unit one label per dimension (colour, frequency).
    const key = row.source === 'human' ? `${label.layer}\u0000${label.unit}` : `${label.layer}\u0000${label.unit}\u0000${label.category}`;
    const previous = seen.get(key);
    if (previous !== undefined) {
      const twice = row.source === 'human' ? 'a second label' : `the category '${label.category}' again`;
      throw new StoreError(`cannot store ${what}: label ${i} gives layer '${label.layer}' unit ${label.unit} ${twice} (first in label ${previous})`);
    }
    seen.set(key, i);
    return { label_set_id: row.id, layer: label.layer, unit: label.unit, category: label.category, author: label.author ?? row.author, at: label.at ?? row.created_at };
  });
  await trx.insertInto('label_sets').values(row).execute();
  // SQLite limits bound parameters per statement; 6 columns x 500 rows stays well under it.
  for (let start = 0; start < rows.length; start += 500) {
    await trx.insertInto('labels').values(rows.slice(start, start + 500)).execute();
  }
}

function toRow(set: NewLabelSet): LabelSetsTable {
  const id = set.id ?? `${set.source}:${randomUUID()}`;
  const what = `label set '${id}'`;
  if (typeof id !== 'string' || id.trim().length === 0) throw new StoreError('cannot store a label set with an empty id');
  if (!SOURCES.includes(set.source)) {
    throw new StoreError(`cannot store ${what}: source '${String(set.source)}' is not one of ${SOURCES.join(', ')}`);
  }
  if (typeof set.name !== 'string' || set.name.trim().length === 0) throw new StoreError(`cannot store ${what}: it has no name`);
  if (typeof set.author !== 'string' || set.author.trim().length === 0) throw new StoreError(`cannot store ${what}: it has no author`);
  const params = set.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new StoreError(`cannot store ${what}: params must be a JSON object, got ${JSON.stringify(params)}`);
  }
  return {
    id,
    model_id: set.modelId,
    name: set.name,
    source: set.source,
    author: set.author,
    params: toJsonColumn(params, `${what} params`),
    created_at: new Date().toISOString(),
  };
}

function fromRow(row: LabelSetsTable & { label_count: number | null }): LabelSetRecord {
  return {
    id: row.id as LabelSetId,
    modelId: row.model_id as ModelId,
    name: row.name,
    source: row.source,
    author: row.author,
    params: fromJsonColumn<Record<string, unknown>>(row.params, `label set '${row.id}' params`),
    createdAt: row.created_at,
    labelCount: Number(row.label_count ?? 0),
  };
}
