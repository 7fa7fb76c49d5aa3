import type { ModelSummary } from '@branchscope/client';

/** A branched model's id: a name, then `-<N>b` with N branches (`demo-small-alexnet-2b`, `split-first-layer-4b`). */
const BRANCHED_ID = /^(.+)-(\d+)b$/;

/**
 * The unbranched control of a branched model, by the naming rule the demo and experiment models follow: a model
 * `<name>-<N>b` with N > 1 has its control in `<name>-1b` when the catalogue holds that id among the models the AlexNet
 * view shows and its weights are of the same kind (trained beside trained, random beside random):
 * `demo-small-alexnet-2b` → `demo-small-alexnet-1b`. Imported models pair the same way when imported under such ids.
 * The API records no pairing, so the rule lives here; null when there is no such model.
 */
export function controlModelFor(modelId: string, choices: readonly ModelSummary[]): ModelSummary | null {
  const match = BRANCHED_ID.exec(modelId);
  if (!match || Number(match[2]) < 2) return null;
  const kind = choices.find((m) => m.id === modelId)?.weights.kind;
  return choices.find((m) => m.id === `${match[1]}-1b` && m.weights.kind === kind) ?? null;
}
