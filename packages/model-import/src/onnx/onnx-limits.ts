/** Size limits checked while reading a file, before any tensor is allocated. */
export interface OnnxLimits {
  /** Largest single tensor (initializer, constant or inferred activation for one sample), in bytes. Default 1 GiB. */
  maxTensorBytes: number;
  /** Largest sum of all initializers, in bytes. Default 4 GiB. */
  maxTotalBytes: number;
  /** Largest single dimension. Default 2^31 - 1. */
  maxDim: number;
  /** Largest tensor rank. Default 8. */
  maxRank: number;
  /** Most nodes in the graph. Default 1,000,000. */
  maxNodes: number;
}

export const DEFAULT_ONNX_LIMITS: Readonly<OnnxLimits> = {
  maxTensorBytes: 2 ** 30,
  maxTotalBytes: 2 ** 32,
  maxDim: 2 ** 31 - 1,
  maxRank: 8,
  maxNodes: 1_000_000,
};

/** Formats a byte count for messages: `2.00 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(2)} ${units[unit]}`;
}
