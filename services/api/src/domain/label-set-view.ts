import type { LabelRecord, LabelSetRecord } from '@branchscope/store';

export interface LabelSetView {
  id: string;
  modelId: string;
  name: string;
  source: string;
  author: string;
  /** How the set was made, as JSON text. */
  params: string;
  createdAt: string;
  labelCount: number;
}

export interface LabelView {
  layer: string;
  unit: number;
  category: string;
  author: string;
  at: string;
}

export const labelSetView = (set: LabelSetRecord): LabelSetView => ({
  id: set.id,
  modelId: set.modelId,
  name: set.name,
  source: set.source,
  author: set.author,
  params: JSON.stringify(set.params),
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
