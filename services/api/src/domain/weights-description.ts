import type { WeightSpec } from '@branchscope/store';
import type { TrainingRecord } from './training-record';

/** What a model's weights are (the schema's WeightsKind, in lower case). */
export type WeightsKind = 'seeded-random' | 'trained-here' | 'imported';

/** A model's weights as the API describes them: what they are, where from, and what can be read from them. */
export interface WeightsDescription {
  kind: WeightsKind;
  /** seeded-random: the generator's seed; trained-here: the training run's seed. */
  seed: number | null;
  /** trained-here: the dataset and epochs as the training record gives them. */
  dataset: string | null;
  epochs: number | null;
  /** imported: the file (or TF.js folder) name and the SHA-256 of what was imported. */
  fileName: string | null;
  sha256: string | null;
  /** One sentence: what can and cannot be read from a model with these weights. */
  readingNote: string;
}

/** What the description needs beyond the model record: an import's source, a checkpoint's training record. */
export interface WeightsDetails {
  source: { fileName: string; sha256: string } | null;
  training: TrainingRecord | null;
}

const NONE = { seed: null, dataset: null, epochs: null, fileName: null, sha256: null };

export const READING_NOTES: Readonly<Record<WeightsKind, string>> = {
  'seeded-random':
    'These weights are random, not trained: the structure, the branches found and the statistics machinery are real, but features, |W| singular vectors, clusterability and enrichment of a random network say nothing about what training learns.',
  'trained-here':
    'Trained by this project: its filters, features, |W| factors and statistics are real results of that training run, for a small network on a small dataset, not for the published networks.',
  imported:
    'Pretrained weights imported from a file: its filters, features, |W| factors and statistics are those of that network, as far as the import reproduces it.',
};

/**
 * Describes stored weights: `seeded` weights are random from a seed, `checkpoint` weights were trained here (with
 * the training record when there is one), `stored` weights were imported (with the import's file name and digest).
 *
 * @throws Error naming the kind for any other weights kind (none is ever stored).
 */
export function describeWeights(weights: WeightSpec, details: WeightsDetails): WeightsDescription {
  switch (weights.kind) {
    case 'seeded': {
      const seed = typeof weights.seed === 'number' ? weights.seed : null;
      return { ...NONE, kind: 'seeded-random', seed, readingNote: READING_NOTES['seeded-random'] };
    }
    case 'checkpoint': {
      const { dataset = null, seed = null, epochs = null } = details.training ?? {};
      return { ...NONE, kind: 'trained-here', seed, dataset, epochs, readingNote: READING_NOTES['trained-here'] };
    }
    case 'stored': {
      const { fileName = null, sha256 = null } = details.source ?? {};
      return { ...NONE, kind: 'imported', fileName, sha256, readingNote: READING_NOTES.imported };
    }
    default:
      throw new Error(`weights of kind '${weights.kind}' have no description (known: seeded, checkpoint, stored)`);
  }
}
