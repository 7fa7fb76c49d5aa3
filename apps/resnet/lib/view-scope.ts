/** The model the view opens when the URL names none. */
export const DEFAULT_MODEL_ID = 'resnet50-v1';
