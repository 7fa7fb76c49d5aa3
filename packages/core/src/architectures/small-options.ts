/** Options shared by the small, CPU-trainable variants. */
export interface SmallOptions {
  /** Number of output classes (default 10). */
  classes?: number;
  /** Square input side in pixels (default 32). */
  inputSize?: 32 | 64;
}

/** The first conv of a small variant whose first layer is the one studied: filters, kernel and stride. */
export interface FirstLayerOptions {
  /** Filters in all, split evenly across the branches (default 32). */
  filters?: number;
  /** Square kernel side (default 5). */
  kernel?: number;
  /** Default 1; 2 halves every later layer's area (AlexNet's first layer has stride 4). */
  stride?: number;
}

/** Resolves defaults and rejects sizes the small variants are not built for. */
export function smallDefaults(builder: string, o: SmallOptions): { classes: number; inputSize: number } {
  const classes = o.classes ?? 10;
  const inputSize = o.inputSize ?? 32;
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`${builder}: classes must be an integer >= 2, got ${classes}`);
  if (inputSize !== 32 && inputSize !== 64) throw new Error(`${builder}: inputSize must be 32 or 64, got ${String(inputSize)}`);
  return { classes, inputSize };
}

/** Resolves the first layer's defaults (32 filters, 5x5, stride 1) and rejects values naming the builder and the field. */
export function firstLayerDefaults(builder: string, o: FirstLayerOptions | undefined, branches: number): Required<FirstLayerOptions> {
  const layer = { filters: 32, kernel: 5, stride: 1, ...o };
  const limits = { filters: 1024, kernel: 15, stride: 4 } as const;
  for (const field of ['filters', 'kernel', 'stride'] as const) {
    const value = layer[field];
    if (!Number.isInteger(value) || value < 1 || value > limits[field]) {
      throw new Error(`${builder}: firstLayer.${field} must be an integer from 1 to ${limits[field]}, got ${String(value)}`);
    }
  }
  if (layer.filters % branches !== 0) throw new Error(`${builder}: firstLayer.filters (${layer.filters}) must split evenly into ${branches} branches`);
  return layer;
}

/** Pixels in [0, 1]: the small variants are trained from scratch, so there is no external convention. */
export const SMALL_INPUT_RANGE: [number, number] = [0, 1];
