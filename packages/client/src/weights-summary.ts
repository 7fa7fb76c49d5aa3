import type { ModelWeights } from './types';

/** The dataset's short name: the last path segment of its first word (`data/datasets/natural-default (…)` → `natural-default`). */
function datasetName(dataset: string): string {
  const path = dataset.trim().split(/\s+/)[0] ?? dataset;
  return path.split('/').filter(Boolean).pop() ?? path;
}

/**
 * A few words on what a model's weights are, for a caption or a table cell: `random weights, seed 1`,
 * `trained here on natural-default, seed 10, 45 epochs`, `imported from bvlcalexnet-12.onnx (sha256 5f0c2c3e…)`.
 */
export function weightsSummary(weights: ModelWeights): string {
  switch (weights.kind) {
    case 'SEEDED_RANDOM':
      return weights.seed === null ? 'random weights' : `random weights, seed ${weights.seed}`;
    case 'TRAINED_HERE': {
      const on = weights.dataset === null ? '' : ` on ${datasetName(weights.dataset)}`;
      const run = [weights.seed === null ? null : `seed ${weights.seed}`, weights.epochs === null ? null : `${weights.epochs} epochs`];
      return [`trained here${on}`, ...run.filter((part) => part !== null)].join(', ');
    }
    case 'IMPORTED': {
      const digest = weights.sha256 === null ? '' : ` (sha256 ${weights.sha256.slice(0, 8)}…)`;
      return weights.fileName === null ? `imported${digest}` : `imported from ${weights.fileName}${digest}`;
    }
  }
}
