import type { LabelSource } from '@branchscope/core';
import type { Store } from './open-store';

/** One unit's label with the set it belongs to. */
export interface LayerLabelRecord {
  labelSetId: string;
  labelSetName: string;
  source: LabelSource;
  layer: string;
  unit: number;
  category: string;
  author: string;
  /** ISO 8601. */
  at: string;
}

/**
 * The labels of `layer` in every label set of `modelId`, optionally of some units only, in one query: by set (oldest
 * set first), then unit and category.
 */
export async function listLayerLabels(store: Store, modelId: string, layer: string, units?: readonly number[]): Promise<LayerLabelRecord[]> {
  let query = store.db
    .selectFrom('labels')
    .innerJoin('label_sets', 'label_sets.id', 'labels.label_set_id')
    .select([
      'labels.label_set_id as labelSetId',
      'label_sets.name as labelSetName',
      'label_sets.source as source',
      'labels.layer as layer',
      'labels.unit as unit',
      'labels.category as category',
      'labels.author as author',
      'labels.at as at',
    ])
    .where('label_sets.model_id', '=', modelId)
    .where('labels.layer', '=', layer);
  // A page of units is a contiguous range; bound it rather than list every unit as a parameter.
  if (units && units.length > 0) query = query.where('labels.unit', '>=', Math.min(...units)).where('labels.unit', '<=', Math.max(...units));
  const rows = await query.orderBy('label_sets.created_at').orderBy('label_sets.rowid' as 'label_sets.id').orderBy('labels.unit').orderBy('labels.category').execute();
  const wanted = units ? new Set(units) : null;
  return rows.filter((row) => !wanted || wanted.has(row.unit)).map((row) => ({ ...row, source: row.source as LabelSource }));
}
