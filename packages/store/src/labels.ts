import type { LabelSetId } from '@branchscope/core';
import type { Transaction } from 'kysely';
import { checkLabel, layerUnitsOf, type NewLabel } from './label-checks';
import type { Store } from './open-store';
import type { LabelsTable, StoreSchema } from './schema';
import { StoreError } from './store-error';

/** One stored label: a unit's category in one layer, with who gave it and when. */
export interface LabelRecord {
  labelSetId: LabelSetId;
  layer: string;
  unit: number;
  category: string;
  author: string;
  /** ISO 8601. */
  at: string;
}

/** The labels of one set, by layer, unit and category; optionally of one layer only. */
export async function listLabels(store: Store, labelSetId: string, filter: { layer?: string } = {}): Promise<LabelRecord[]> {
  let query = store.db.selectFrom('labels').selectAll().where('label_set_id', '=', labelSetId);
  if (filter.layer !== undefined) query = query.where('layer', '=', filter.layer);
  const rows = await query.orderBy('layer').orderBy('unit').orderBy('category').execute();
  return rows.map(fromRow);
}

/**
 * Gives a unit of a human label set its category, replacing whatever label it had there, and records who and when.
 * One transaction: an unknown set, a set that is not human, a layer the model lacks or a unit outside the layer
 * throws a StoreError naming it, and the labels already stored stay as they were.
 */
export async function setUnitLabel(store: Store, labelSetId: string, label: NewLabel & { author: string }): Promise<LabelRecord> {
  return store.db.transaction().execute(async (trx) => {
    const what = await checkHumanUnit(trx, labelSetId, label, 'label');
    checkLabel(label, await layerUnitsOf(trx, what.modelId, what.text), what.text);
    if (typeof label.author !== 'string' || label.author.trim().length === 0) throw new StoreError(`${what.text}: a label needs an author`);
    const row: LabelsTable = {
      label_set_id: labelSetId,
      layer: label.layer,
      unit: label.unit,
      category: label.category,
      author: label.author,
      at: label.at ?? new Date().toISOString(),
    };
    await trx.deleteFrom('labels').where('label_set_id', '=', labelSetId).where('layer', '=', label.layer).where('unit', '=', label.unit).execute();
    await trx.insertInto('labels').values(row).execute();
    return fromRow(row);
  });
}

/**
 * Removes the label of one unit of a human label set. Returns how many labels it removed (0 when the unit had none).
 * Throws a StoreError for an unknown or non-human set, or a layer or unit the model does not have.
 */
export async function removeUnitLabel(store: Store, labelSetId: string, layer: string, unit: number): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    const what = await checkHumanUnit(trx, labelSetId, { layer, unit }, 'unlabel');
    checkLabel({ layer, unit, category: '(removed)' }, await layerUnitsOf(trx, what.modelId, what.text), what.text);
    const result = await trx.deleteFrom('labels').where('label_set_id', '=', labelSetId).where('layer', '=', layer).where('unit', '=', unit).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

async function checkHumanUnit(
  trx: Transaction<StoreSchema>,
  labelSetId: string,
  label: { layer: string; unit: number },
  verb: string,
): Promise<{ modelId: string; text: string }> {
  const text = `cannot ${verb} layer '${label.layer}' unit ${label.unit} in label set '${labelSetId}'`;
  const set = await trx.selectFrom('label_sets').select(['model_id', 'source']).where('id', '=', labelSetId).executeTakeFirst();
  if (!set) throw new StoreError(`${text}: no label set with this id is stored`);
  if (set.source !== 'human') {
    throw new StoreError(`${text}: it is a ${set.source} set, and only human label sets are edited unit by unit`);
  }
  return { modelId: set.model_id, text };
}

function fromRow(row: LabelsTable): LabelRecord {
  return { labelSetId: row.label_set_id as LabelSetId, layer: row.layer, unit: row.unit, category: row.category, author: row.author, at: row.at };
}
