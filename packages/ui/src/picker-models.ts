import type { PickerModel } from './model-picker';

/** What `pickerModels` reads of a model: the API's `ModelSummary` fits. */
export interface WeightedModel {
  id: string;
  name: string;
  weights: { kind: string };
}

/** The picker's groups, in the order listed: real results first. */
const WEIGHT_GROUPS: readonly [string, string][] = [
  ['TRAINED_HERE', 'trained here'],
  ['IMPORTED', 'imported'],
  ['SEEDED_RANDOM', 'random weights'],
];

/**
 * A view's models as picker entries, grouped by what their weights are (trained here, imported, random), each group
 * in catalogue order; a model of any other kind is listed last under its kind, so nothing the view can show is lost.
 */
export function pickerModels(models: readonly WeightedModel[]): PickerModel[] {
  const known = new Set(WEIGHT_GROUPS.map(([kind]) => kind));
  return [
    ...WEIGHT_GROUPS.flatMap(([kind, group]) => models.filter((m) => m.weights.kind === kind).map((m) => ({ id: m.id, name: m.name, group }))),
    ...models.filter((m) => !known.has(m.weights.kind)).map((m) => ({ id: m.id, name: m.name, group: m.weights.kind.toLowerCase() })),
  ];
}
