import type { ModelSummary } from '@branchscope/client';
import { RandomWeightsNotice } from '@branchscope/ui';

export interface WeightsNoticeProps {
  model: ModelSummary;
  /** The models this view can show: those with trained or imported weights are offered as real results. */
  choices: ModelSummary[];
  compact?: boolean;
}

/** The random-weights notice over a model whose weights were never trained; nothing for any other model. */
export function WeightsNotice({ model, choices, compact }: WeightsNoticeProps) {
  if (model.weights.kind !== 'SEEDED_RANDOM') return null;
  const realResults = choices
    .filter((m) => m.weights.kind !== 'SEEDED_RANDOM')
    .map((m) => ({ name: m.name, href: `/alexnet?model=${encodeURIComponent(m.id)}` }));
  return (
    <RandomWeightsNotice
      seed={model.weights.seed}
      readingNote={model.weights.readingNote}
      realResults={realResults}
      noRealResults="No model with trained or imported weights that this view can show is in the catalogue: import a pretrained AlexNet (ONNX) with importModel to see a real result."
      compact={compact}
    />
  );
}
