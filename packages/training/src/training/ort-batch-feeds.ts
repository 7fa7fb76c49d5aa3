import type { ImageBatch } from '../datasets/image-dataset';
import type { TensorData } from '@branchscope/ort-engine';
import { uniformStream } from '@branchscope/runtime';

/**
 * A batch's bytes as an NCHW float32 tensor, mapped linearly from [0, 255] to the graph's input range with the
 * same arithmetic as `batchImages` (which gives the NHWC tensor TF.js trains on), so both engines see equal values.
 */
export function batchInputNchw(batch: ImageBatch, [lo, hi]: [number, number]): TensorData {
  const { count: n, size } = batch;
  const scale = (hi - lo) / 255;
  const plane = size * size;
  const data = new Float32Array(n * 3 * plane);
  for (let b = 0; b < n; b++) {
    const src = b * plane * 3;
    const dst = b * 3 * plane;
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < 3; c++) data[dst + c * plane + p] = lo + batch.images[src + p * 3 + c]! * scale;
    }
  }
  return { data, dims: [n, 3, size, size] };
}

/** One-hot rows [N, classes] for integer labels; a label outside 0..classes-1 is an error naming it. */
export function oneHotLabels(labels: Int32Array, classes: number): TensorData {
  const data = new Float32Array(labels.length * classes);
  labels.forEach((label, i) => {
    if (!(label >= 0 && label < classes)) throw new Error(`oneHotLabels: label ${label} of image ${i} is not a class index below ${classes}`);
    data[i * classes + label] = 1;
  });
  return { data, dims: [labels.length, classes] };
}

/**
 * The dropout mask `training/dropout.ts` draws for an activation of one sample's shape `shape` ([F] or [C, H, W])
 * in a batch of `n`, from the same seeded stream `key`, laid out for the generated model (NCHW): TF.js draws in its
 * NHWC order, so a map's mask is transposed. Values are 0 or 1 / keep, as inverted dropout multiplies.
 */
export function dropoutMaskNchw(n: number, shape: readonly number[], rate: number, key: string): TensorData {
  if (!(rate >= 0 && rate < 1)) throw new Error(`dropout rate must be in [0, 1), got ${rate}`);
  const keep = 1 - rate;
  const random = uniformStream(key);
  const size = n * shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  if (shape.length !== 3) {
    for (let i = 0; i < size; i++) data[i] = random() < keep ? 1 / keep : 0;
    return { data, dims: [n, ...shape] };
  }
  const [c, h, w] = shape as [number, number, number];
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let ch = 0; ch < c; ch++) data[((b * c + ch) * h + y) * w + x] = random() < keep ? 1 / keep : 0;
      }
    }
  }
  return { data, dims: [n, c, h, w] };
}
