import type { LabelRecord, LabelSetRecord } from '@branchscope/store';
import type { Label, LabelSource } from '../generated/resolver-types';

/** A label set as the API shows it, without its labels (the `labels` field reads them). */
export interface LabelSetView {
  id: string;
  modelId: string;
  name: string;
  source: LabelSource;
  author: string;
  /** How the set was made (the schema's `JSON` scalar sends it as itself). */
  params: Record<string, unknown>;
  createdAt: string;
  labelCount: number;
}

/** One unit's label (the schema's `Label`). */
export type LabelView = Label;

export const labelSetView = (set: LabelSetRecord): LabelSetView => ({
  id: set.id,
  modelId: set.modelId,
  name: set.name,
  // The store keeps the sources the schema's LabelSource enum maps (human, rule, published).
  source: set.source as LabelSource,
  author: set.author,
  params: set.params,
  createdAt: set.createdAt,
  labelCount: set.labelCount,
});

export const labelView = (label: LabelRecord): LabelView => ({
  layer: label.layer,
  unit: label.unit,
  category: label.category,
  author: label.author,
  at: label.at,
});
