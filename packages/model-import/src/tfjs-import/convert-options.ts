/** Settings a TF.js model file does not carry. */
export interface TfjsImportOptions {
  /** Value range the model expects its input pixels in (model.json does not say); default [0, 1]. */
  inputRange?: [number, number];
  /** [height, width] for models whose input leaves them unspecified (null / -1); the graph needs fixed sizes. */
  imageSize?: [number, number];
  /** Graph name; default the Keras model's name, or the folder's name for graph models. */
  name?: string;
}

export const DEFAULT_INPUT_RANGE: [number, number] = [0, 1];

/** A model input's [height, width, channels] from its batch shape, sizes left open taken from `imageSize`. */
export function imageInputShape(batchShape: readonly (number | null)[], imageSize: [number, number] | undefined): [number, number, number] | string {
  if (batchShape.length !== 4) return `has input shape [${batchShape.join(',')}]; only image inputs [batch, height, width, channels] are supported`;
  const open = (d: number | null): boolean => d === null || d < 0;
  const [, h, w, c] = batchShape;
  if (open(c ?? null)) return 'leaves the input channel count unspecified';
  if ((open(h ?? null) || open(w ?? null)) && !imageSize) return 'leaves the input height or width unspecified; pass the imageSize option';
  return [open(h ?? null) ? imageSize![0] : h!, open(w ?? null) ? imageSize![1] : w!, c!];
}
