import { modelId } from '../ids';
import document from './published/inceptionv1-5x5-categories.json' with { type: 'json' };
import { parsePublishedCategories, type PublishedCategories } from './parse-published-categories';

/** Id of the published InceptionV1 5x5 label set (Voss et al., Distill 2021, Figure 5). */
export const INCEPTIONV1_5X5_LABEL_SET_ID = 'published:inceptionv1-5x5';

/**
 * The InceptionV1 5x5-branch categories of 'Branch Specialization' (Voss et al., Distill 2021, CC-BY 4.0), bundled
 * with the code as `published/inceptionv1-5x5-categories.json` (its `about` field keeps the attribution), parsed as the
 * label set {@link INCEPTIONV1_5X5_LABEL_SET_ID} of the catalogue model `inceptionv1`.
 */
export function inceptionV1PublishedCategories(): PublishedCategories {
  return parsePublishedCategories(document, INCEPTIONV1_5X5_LABEL_SET_ID, modelId('inceptionv1'));
}

/** The attribution text shipped with the published categories. */
export const INCEPTIONV1_5X5_ABOUT: string = document.about;
