import type { ModelSummary } from '@branchscope/client';
import { RandomWeightsNotice } from '@branchscope/ui';

export interface WeightsNoticeProps {
  model: ModelSummary;
  /** The models this view can show: those with trained or imported weights are offered as real results. */
  inceptionModels: ModelSummary[];
  compact?: boolean;
}

/** The random-weights notice over a model whose weights were never trained; nothing for any other model. */
export function WeightsNotice({ model, inceptionModels, compact }: WeightsNoticeProps) {
  if (model.weights.kind !== 'SEEDED_RANDOM') return null;
  const realResults = inceptionModels
    .filter((m) => m.weights.kind !== 'SEEDED_RANDOM')
    .map((m) => ({ name: m.name, href: `/inception?model=${encodeURIComponent(m.id)}` }));
  return (
    <RandomWeightsNotice
      seed={model.weights.seed}
      readingNote={`${model.weights.readingNote} The article's categories describe the trained InceptionV1: next to this model's units they are a worked example of the statistics, not a finding; its feature images show what random units respond to.`}
      realResults={realResults}
      noRealResults="No model with Concat blocks and trained or imported weights is in the catalogue: import a pretrained InceptionV1 (ONNX, or a TF.js folder) with importModel and label its units to see a real result."
      compact={compact}
    />
  );
}
