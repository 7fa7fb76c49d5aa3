import type { Pads } from './window-padding';

/** Where a value or node comes from in the TF model: the graph node name to use, and how messages name it. */
export interface Site {
  /** Wanted graph node name (made unique if taken). */
  name: string;
  /** E.g. `layer 'conv1' (Conv2D)` or `op 'model/conv1/Conv2D' (Conv2D)`. */
  label: string;
}

/** A TF tensor while a model is converted: which graph node holds it and what TF knows about it. */
export interface TfValue {
  /** Graph node that computes it (before any pending padding). */
  node: string;
  /** TF shape without the batch dimension: [H, W, C] for maps, [F] for features. */
  shape: number[];
  /** Zero padding not yet applied (ZeroPadding2D), already counted in `shape`; folded into the consumer's pads. */
  pads?: Pads;
  /** True when every value is >= 0 (after a ReLU), so zero padding is as neutral as -inf for a max pool. */
  nonNegative: boolean;
  /**
   * Set when the features come from flattening a map of this [H, W, C] shape: TF orders them channels-last,
   * the graph's flatten orders them NCHW, so per-feature weights must be reordered.
   */
  flattenedFrom?: [number, number, number];
}

/** A channels-last flatten order that differs from the graph's NCHW order (a 1x1 map's does not). */
export const permuted = (v: TfValue): boolean => v.flattenedFrom !== undefined && v.flattenedFrom[0] * v.flattenedFrom[1] > 1;
