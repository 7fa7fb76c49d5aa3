import type { ModelView } from '../domain/model-view';

/** Fields that are not plain properties of the domain views. */
export const typeResolvers = {
  Model: {
    layer: (model: ModelView, { name }: { name: string }) => model.layerByName.get(name) ?? null,
  },
  // Enum values in the schema are upper case; core's block kinds are lower case.
  BlockKind: { GROUPED: 'grouped', CONCAT: 'concat', RESIDUAL: 'residual' },
};
