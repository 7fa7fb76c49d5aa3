import { INCEPTIONV1_5X5_ABOUT, inceptionV1PublishedCategories } from '@branchscope/core';
import { getModel, insertLabelSetIfAbsent, type Store } from '@branchscope/store';

/**
 * Stores the published label sets bundled with the code (today the InceptionV1 5x5 categories of Voss et al.,
 * Distill 2021, CC-BY 4.0, as `published:inceptionv1-5x5` on model `inceptionv1`) unless already stored.
 * Returns the ids it added; skips a set whose model is not in the catalogue.
 */
export async function registerPublishedLabelSets(store: Store): Promise<string[]> {
  const { labelSet, layers } = inceptionV1PublishedCategories();
  if (!(await getModel(store, labelSet.modelId))) return [];
  const params = {
    about: INCEPTIONV1_5X5_ABOUT,
    branches: Object.fromEntries(layers.map((l) => [l.layer, { name: l.branch.name, range: l.branch.range }])),
  };
  const set = { id: labelSet.id, modelId: labelSet.modelId, name: labelSet.name, source: labelSet.source, author: 'Voss et al. (Distill 2021)', params };
  return (await insertLabelSetIfAbsent(store, set, labelSet.labels)) ? [labelSet.id] : [];
}
