import { contentKey } from '@branchscope/store';
import type { ImportModelInput } from '../kinds/import-model';
import type { RenderFeaturesInput } from '../kinds/render-features';
import type { WeightImagesInput } from '../kinds/weight-images';

/** Inputs that fit their kinds, for tests of the queues (their handlers never read them). */
export const sampleRenderInput = (seed = 0, backend: string | null = null): RenderFeaturesInput => ({
  modelId: 'alexnet',
  layer: 'conv2',
  units: [0],
  steps: 1,
  size: 16,
  seed,
  backend,
});

export const sampleWeightImagesInput: WeightImagesInput = { modelId: 'alexnet', layer: 'conv1' };

export const sampleImportInput = (fields: Pick<ImportModelInput, 'modelId' | 'format' | 'path' | 'upload'>): ImportModelInput => ({
  name: fields.modelId,
  fileName: 'model',
  bytes: 0,
  sha256: '0'.repeat(64),
  inputRange: [0, 1],
  importKey: contentKey('import-model', fields.modelId, {}),
  ...fields,
});
