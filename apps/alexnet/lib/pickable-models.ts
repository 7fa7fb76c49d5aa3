import type { ModelSummary, WeightsKind } from '@branchscope/client';

/** One entry of the model picker. */
export interface PickableModel {
  id: string;
  name: string;
  /** The option group it is listed under, e.g. `trained here`. */
  group: string;
}

/** The picker's groups, in the order listed: real results first. */
const GROUPS: readonly [WeightsKind, string][] = [
  ['TRAINED_HERE', 'trained here'],
  ['IMPORTED', 'imported'],
  ['SEEDED_RANDOM', 'random weights'],
];

/** The models the view can show as picker entries, grouped by what their weights are (trained, imported, random). */
export function pickableModels(choices: ModelSummary[]): PickableModel[] {
  return GROUPS.flatMap(([kind, group]) => choices.filter((m) => m.weights.kind === kind).map((m) => ({ id: m.id, name: m.name, group })));
}
