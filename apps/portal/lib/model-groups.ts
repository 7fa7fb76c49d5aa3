import type { ModelSummary, WeightsKind } from '@branchscope/client';

/** The models whose weights are of one kind. */
export interface ModelGroup {
  kind: WeightsKind;
  title: string;
  /** What the group's models can show: the API's reading note when the group has a model, else this text. */
  about: string;
  models: ModelSummary[];
}

/** The groups in the order the portal lists them: real results first. */
const GROUPS: readonly Omit<ModelGroup, 'models'>[] = [
  { kind: 'TRAINED_HERE', title: 'Trained here', about: 'None: the committed demo models are registered at start.' },
  {
    kind: 'IMPORTED',
    title: 'Imported',
    about: 'None yet: import a pretrained model (an ONNX file, or a TF.js folder) with the importModel mutation to see what a published network learned.',
  },
  { kind: 'SEEDED_RANDOM', title: 'Random weights', about: 'None.' },
];

/** The catalogue by what the weights are (trained here, imported, random), each group in catalogue order; every group listed, empty or not. */
export function modelGroups(models: ModelSummary[]): ModelGroup[] {
  return GROUPS.map((group) => {
    const mine = models.filter((m) => m.weights.kind === group.kind);
    return { ...group, about: mine[0]?.weights.readingNote ?? group.about, models: mine };
  });
}
