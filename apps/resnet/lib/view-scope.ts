/** The model the view opens when the URL names none. */
export const DEFAULT_MODEL_ID = 'resnet50-v1';

/** The catalogue family whose models this view lists. */
export const RESNET_FAMILY = 'resnet';
