/**
 * The model the view opens when the URL names none (`?model=`): InceptionV1 with Lucid's layer names, the numbering
 * the published categories use.
 */
export const DEFAULT_MODEL_ID = 'inceptionv1';

/** The layers whose 5x5 branches the article categorised, in network order: the default model's tabs. */
export const LAYERS = ['mixed3a', 'mixed3b', 'mixed4a'] as const;

/** The label set shown when the URL names none: the article's categories, registered by the API at start. */
export const PUBLISHED_SET_ID = 'published:inceptionv1-5x5';
