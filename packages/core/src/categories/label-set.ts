import type { ModelId } from '../ids';

/** A label set's id, e.g. `published:inceptionv1-5x5`. Branded so it is never confused with a model id. */
export type LabelSetId = string & { readonly __brand: 'LabelSetId' };
export const labelSetId = (value: string): LabelSetId => value as LabelSetId;

/** Where a label set's categories come from: people, rules over descriptors, or a publication. */
export type LabelSource = 'human' | 'rule' | 'published';

/** One unit's category in one layer. */
export interface UnitLabel {
  layer: string;
  /** Unit (channel) index within the layer's output. */
  unit: number;
  category: string;
  /** Who assigned it (a person, a rule set, a paper). */
  author?: string;
  /** When it was assigned, ISO 8601. */
  at?: string;
}

/** A named collection of unit labels for one model. */
export interface LabelSet {
  id: LabelSetId;
  name: string;
  source: LabelSource;
  modelId: ModelId;
  labels: UnitLabel[];
}
