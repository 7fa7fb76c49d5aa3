import { RECIPE } from './constants';

/**
 * The last step of the recipe's transforms and the model's input layout, on plain arrays: the last jitter and the
 * centre crop (or mid-grey pad) that bring a warped NHWC batch to the model's size, the pixels mapped into the
 * model's range and laid out NCHW; and the adjoint of that step. The same values as `applyTransforms`'s last slice
 * and pad followed by a TF.js transpose, in one pass (tfjs-wasm's strided slices took about 40 ms each for a batch
 * of 32 at 128 px).
 */

/** Where the crop takes rows and columns of a warped image, and where they land in the model's input. */
interface Placement {
  rows: number;
  cols: number;
  fromTop: number;
  fromLeft: number;
  toTop: number;
  toLeft: number;
}

function placement([h0, w0]: [number, number], [ey, ex]: readonly [number, number], [height, width]: readonly [number, number]): Placement {
  const d = RECIPE.jitterLast;
  if (ey < 0 || ex < 0 || ey > d || ex > d) throw new RangeError(`jitter offset [${ey}, ${ex}] is outside [0, ${d}]`);
  if (h0 <= d || w0 <= d) throw new RangeError(`jitter of ${d} px needs an image larger than ${d} px, got ${h0} x ${w0}`);
  const [h, w] = [h0 - d, w0 - d];
  const top = Math.floor(Math.abs(h - height) / 2);
  const left = Math.floor(Math.abs(w - width) / 2);
  return {
    rows: Math.min(h, height),
    cols: Math.min(w, width),
    fromTop: ey + (h > height ? top : 0),
    fromLeft: ex + (w > width ? left : 0),
    toTop: h < height ? top : 0,
    toLeft: w < width ? left : 0,
  };
}

/** Dimensions [batch, height, width, channels] of an NHWC batch. */
export type NhwcDims = readonly [number, number, number, number];

/**
 * The model's input, NCHW in `range`, from a warped NHWC batch in [0, 1]: last jitter `jitterLast`, then the centre
 * crop, or the pad with the recipe's mid-grey, to `size` (height, width).
 */
export function modelInput(warped: Float32Array, [batch, h0, w0, c]: NhwcDims, jitterLast: readonly [number, number], size: readonly [number, number], [lo, hi]: readonly [number, number]): Float32Array {
  const p = placement([h0, w0], jitterLast, size);
  const [height, width] = size;
  const span = hi - lo;
  const out = new Float32Array(batch * c * height * width).fill(RECIPE.padValue * span + lo);
  for (let n = 0; n < batch; n++) {
    for (let ch = 0; ch < c; ch++) {
      const plane = (n * c + ch) * height * width;
      for (let y = 0; y < p.rows; y++) {
        let from = ((n * h0 + p.fromTop + y) * w0 + p.fromLeft) * c + ch;
        let to = plane + (p.toTop + y) * width + p.toLeft;
        for (let x = 0; x < p.cols; x++, from += c, to++) out[to] = warped[from]! * span + lo;
      }
    }
  }
  return out;
}

/** The adjoint of {@link modelInput}: dLoss/dWarped (NHWC, `dims`) from dLoss/dInput (NCHW of `size`). */
export function modelInputAdjoint(gradInput: Float32Array, [batch, h0, w0, c]: NhwcDims, jitterLast: readonly [number, number], size: readonly [number, number], [lo, hi]: readonly [number, number]): Float32Array {
  const p = placement([h0, w0], jitterLast, size);
  const [height, width] = size;
  if (gradInput.length !== batch * c * height * width) throw new RangeError(`modelInputAdjoint: ${gradInput.length} gradient values for an input of ${batch} x ${c} x ${height} x ${width}`);
  const span = hi - lo;
  const out = new Float32Array(batch * h0 * w0 * c);
  for (let n = 0; n < batch; n++) {
    for (let ch = 0; ch < c; ch++) {
      const plane = (n * c + ch) * height * width;
      for (let y = 0; y < p.rows; y++) {
        let to = ((n * h0 + p.fromTop + y) * w0 + p.fromLeft) * c + ch;
        let from = plane + (p.toTop + y) * width + p.toLeft;
        for (let x = 0; x < p.cols; x++, to += c, from++) out[to] = gradInput[from]! * span;
      }
    }
  }
  return out;
}

/** Rows `top`.. and columns `left`.. of an NHWC batch, `size` (height, width) of them. */
export function cropNhwc(data: Float32Array, [batch, h0, w0, c]: NhwcDims, [top, left]: readonly [number, number], [height, width]: readonly [number, number]): Float32Array {
  if (top < 0 || left < 0 || top + height > h0 || left + width > w0) throw new RangeError(`cropNhwc: ${height} x ${width} at [${top}, ${left}] is outside ${h0} x ${w0}`);
  const out = new Float32Array(batch * height * width * c);
  const row = width * c;
  for (let n = 0; n < batch; n++) {
    for (let y = 0; y < height; y++) {
      const from = ((n * h0 + top + y) * w0 + left) * c;
      out.set(data.subarray(from, from + row), (n * height + y) * row);
    }
  }
  return out;
}
