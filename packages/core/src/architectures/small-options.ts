/** Options shared by the small, CPU-trainable variants. */
export interface SmallOptions {
  /** Number of output classes (default 10). */
  classes?: number;
  /** Square input side in pixels (default 32). */
  inputSize?: 32 | 64;
}

/** Resolves defaults and rejects sizes the small variants are not built for. */
export function smallDefaults(builder: string, o: SmallOptions): { classes: number; inputSize: number } {
  const classes = o.classes ?? 10;
  const inputSize = o.inputSize ?? 32;
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`${builder}: classes must be an integer >= 2, got ${classes}`);
  if (inputSize !== 32 && inputSize !== 64) throw new Error(`${builder}: inputSize must be 32 or 64, got ${String(inputSize)}`);
  return { classes, inputSize };
}

/** Pixels in [0, 1]: the small variants are trained from scratch, so there is no external convention. */
export const SMALL_INPUT_RANGE: [number, number] = [0, 1];
