import type { ApiContext } from '../context';
import type { LabelSetView } from '../domain/label-set-view';
import { listLabelViews } from '../domain/label-sets';
import type { ModelView } from '../domain/model-view';

/** Fields that are not plain properties of the domain views. */
export const typeResolvers = {
  Model: {
    layer: (model: ModelView, { name }: { name: string }) => model.layerByName.get(name) ?? null,
  },
  LabelSet: {
    labels: (set: LabelSetView, { layer }: { layer?: string | null }, { deps }: ApiContext) => listLabelViews(deps, set.id, layer),
  },
  // Enum values in the schema are upper case; core's block kinds, label sources and rule dimensions are lower case.
  BlockKind: { GROUPED: 'grouped', CONCAT: 'concat', RESIDUAL: 'residual' },
  LabelSource: { HUMAN: 'human', RULE: 'rule', PUBLISHED: 'published' },
  RuleDimension: { COLOR: 'color', FREQUENCY: 'frequency' },
  DescriptorSource: { WEIGHTS: 'weights', FEATURE_IMAGE: 'feature-image' },
};
