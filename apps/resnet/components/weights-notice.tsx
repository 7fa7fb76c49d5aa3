import type { ModelSummary } from '@branchscope/client';
import { RandomWeightsNotice } from '@branchscope/ui';

export interface WeightsNoticeProps {
  model: ModelSummary;
  /** The models this view can show: those with trained or imported weights are offered as real results. */
  resnets: ModelSummary[];
  compact?: boolean;
}

/**
 * The random-weights notice over a model whose weights were never trained; nothing for any other model. This view
 * draws structure only, which random weights do not change, but the note says what the model cannot show elsewhere.
 */
export function WeightsNotice({ model, resnets, compact }: WeightsNoticeProps) {
  if (model.weights.kind !== 'SEEDED_RANDOM') return null;
  const realResults = resnets
    .filter((m) => m.weights.kind !== 'SEEDED_RANDOM')
    .map((m) => ({ name: m.name, href: `/resnet?model=${encodeURIComponent(m.id)}` }));
  return (
    <RandomWeightsNotice
      seed={model.weights.seed}
      readingNote={`${model.weights.readingNote} The blocks drawn here are structure, which the weights do not change.`}
      realResults={realResults}
      noRealResults="No ResNet with trained or imported weights is in the catalogue: import a pretrained ResNet (ONNX, or a TF.js folder) with importModel for one."
      compact={compact}
    />
  );
}
