import * as tf from '@tensorflow/tfjs-core';

/**
 * The inverse real 2-D DFT as four real matrices, so it runs (and differentiates) on every backend: the wasm
 * backend has no FFT kernels with gradients, but it has matMul.
 *
 * With `n = floor(w / 2) + 1` stored columns of a half spectrum X (rows: all h frequencies):
 *   Z = ifft along h:  Zr = cosH·Xr − sinH·Xi,  Zi = sinH·Xr + cosH·Xi   (h × h matrices, 1/h included)
 *   x = irfft along w: x = Zr·cosW − Zi·sinW                               (n × w matrices, 1/w and the
 *                                                                            Hermitian weights 1, 2, ..., 2, (1))
 * which equals numpy's / TensorFlow's irfft2d with fft_length (h, w), for odd w too.
 */
export interface Irfft2dMatrices {
  height: number;
  width: number;
  /** h × h, row y, column ky: cos(2π ky y / h) / h. */
  cosH: Float32Array;
  sinH: Float32Array;
  /** n × w, row kx, column x: weight(kx) cos(2π kx x / w) / w. */
  cosW: Float32Array;
  sinW: Float32Array;
}

/** Number of stored columns of the half spectrum of a real signal of width w. */
export const halfWidth = (width: number): number => Math.floor(width / 2) + 1;

/** Precomputes the matrices of {@link irfft2d} for an h × w output. */
export function irfft2dMatrices(height: number, width: number): Irfft2dMatrices {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new RangeError(`irfft2d needs a positive integer size, got ${height} x ${width}`);
  }
  const n = halfWidth(width);
  const cosH = new Float32Array(height * height);
  const sinH = new Float32Array(height * height);
  for (let y = 0; y < height; y++) {
    for (let ky = 0; ky < height; ky++) {
      // Reducing the phase index modulo h keeps the angle small, so float64 trig stays exact at large sizes.
      const angle = (2 * Math.PI * ((ky * y) % height)) / height;
      cosH[y * height + ky] = Math.cos(angle) / height;
      sinH[y * height + ky] = Math.sin(angle) / height;
    }
  }
  const cosW = new Float32Array(n * width);
  const sinW = new Float32Array(n * width);
  for (let kx = 0; kx < n; kx++) {
    // Each stored column kx (other than DC and, for even w, Nyquist) stands for itself and its mirror w - kx.
    const weight = kx === 0 || 2 * kx === width ? 1 : 2;
    for (let x = 0; x < width; x++) {
      const angle = (2 * Math.PI * ((kx * x) % width)) / width;
      cosW[kx * width + x] = (weight * Math.cos(angle)) / width;
      sinW[kx * width + x] = (weight * Math.sin(angle)) / width;
    }
  }
  return { height, width, cosH, sinH, cosW, sinW };
}

/** The matrices of {@link irfft2dMatrices} as tensors; dispose them together. */
export interface Irfft2dTensors {
  height: number;
  width: number;
  cosH: tf.Tensor2D;
  sinH: tf.Tensor2D;
  cosW: tf.Tensor2D;
  sinW: tf.Tensor2D;
  /**
   * The same matrices transposed, for the gradient: tfjs-backend-wasm runs a matMul with a transposed operand as
   * a scalar loop, 6-9x slower than a plain one at these sizes (bench/featurevis.ts measures it).
   */
  transposed: { cosH: tf.Tensor2D; sinH: tf.Tensor2D; cosW: tf.Tensor2D; sinW: tf.Tensor2D };
}

/** Disposes every tensor of {@link irfft2dTensors}. */
export function disposeIrfft2dTensors(m: Irfft2dTensors): void {
  for (const t of [m.cosH, m.sinH, m.cosW, m.sinW, ...Object.values(m.transposed)]) t.dispose();
}

/** `left · right` where one side is a constant matrix; its gradient multiplies by the stored transpose. */
function constantMatMul(left: tf.Tensor, right: tf.Tensor, constant: 'left' | 'right', transposed: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...inputs) => {
    const x = inputs[0] as tf.Tensor2D;
    return {
      value: constant === 'left' ? tf.matMul(left as tf.Tensor2D, x) : tf.matMul(x, right as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor) => (constant === 'left' ? tf.matMul(transposed, dy as tf.Tensor2D) : tf.matMul(dy as tf.Tensor2D, transposed)),
    };
  });
  return op(constant === 'left' ? right : left) as tf.Tensor2D;
}

export function irfft2dTensors(height: number, width: number): Irfft2dTensors {
  const m = irfft2dMatrices(height, width);
  const n = halfWidth(width);
  const cosH = tf.tensor2d(m.cosH, [height, height]);
  const sinH = tf.tensor2d(m.sinH, [height, height]);
  const cosW = tf.tensor2d(m.cosW, [n, width]);
  const sinW = tf.tensor2d(m.sinW, [n, width]);
  const transposed = { cosH: tf.transpose(cosH), sinH: tf.transpose(sinH), cosW: tf.transpose(cosW), sinW: tf.transpose(sinW) };
  return { height, width, cosH, sinH, cosW, sinW, transposed };
}

/**
 * Inverse real 2-D DFT over the last two axes: `re`, `im` of shape [..., h, w/2+1] → real [..., h, w].
 * Differentiable with respect to `re` and `im` on every backend.
 */
export function irfft2d(re: tf.Tensor, im: tf.Tensor, m: Irfft2dTensors): tf.Tensor {
  const { height: h, width: w } = m;
  const n = halfWidth(w);
  const shape = re.shape;
  if (shape.length < 2 || shape[shape.length - 2] !== h || shape[shape.length - 1] !== n) {
    throw new RangeError(`irfft2d for ${h} x ${w} expects a spectrum [..., ${h}, ${n}], got [${shape.join(', ')}]`);
  }
  if (im.shape.join() !== shape.join()) {
    throw new RangeError(`irfft2d: real part [${shape.join(', ')}] and imaginary part [${im.shape.join(', ')}] differ`);
  }
  return tf.tidy(() => {
    const outer = shape.slice(0, -2);
    const count = outer.reduce((a, b) => a * b, 1);
    // Bring h to the front so the h-transform is one plain 2-D matMul over all other axes.
    const hFirst = (t: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(t, [count, h, n]), [1, 0, 2]), [h, count * n]);
    const xr = hFirst(re);
    const xi = hFirst(im);
    const t = m.transposed;
    const zr = tf.sub(constantMatMul(m.cosH, xr, 'left', t.cosH), constantMatMul(m.sinH, xi, 'left', t.sinH));
    const zi = tf.add(constantMatMul(m.sinH, xr, 'left', t.sinH), constantMatMul(m.cosH, xi, 'left', t.cosH));
    const rowsFirst = (t: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(t, [h, count, n]), [1, 0, 2]), [count * h, n]);
    const out = tf.sub(constantMatMul(rowsFirst(zr), m.cosW, 'right', t.cosW), constantMatMul(rowsFirst(zi), m.sinW, 'right', t.sinW));
    return tf.reshape(out, [...outer, h, w]);
  });
}

/**
 * The adjoint of {@link irfft2d} (its gradient, without running it): dLoss/d(re, im) of shape [..., h, w/2+1]
 * from dLoss/dOutput of shape [..., h, w], through the stored transposed matrices.
 */
export function irfft2dAdjoint(dy: tf.Tensor, m: Irfft2dTensors): [tf.Tensor, tf.Tensor] {
  const { height: h, width: w } = m;
  const n = halfWidth(w);
  const shape = dy.shape;
  if (shape.length < 2 || shape[shape.length - 2] !== h || shape[shape.length - 1] !== w) {
    throw new RangeError(`irfft2dAdjoint for ${h} x ${w} expects a gradient [..., ${h}, ${w}], got [${shape.join(', ')}]`);
  }
  return tf.tidy(() => {
    const outer = shape.slice(0, -2);
    const count = outer.reduce((a, b) => a * b, 1);
    const t = m.transposed;
    const rows = tf.reshape(dy, [count * h, w]);
    // out = Zr·cosW − Zi·sinW, rows first: back to Z, then to h first.
    const hFirst = (x: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(x, [count, h, n]), [1, 0, 2]), [h, count * n]);
    const gzr = hFirst(tf.matMul(rows, t.cosW));
    const gzi = hFirst(tf.neg(tf.matMul(rows, t.sinW)));
    // Zr = cosH·Xr − sinH·Xi, Zi = sinH·Xr + cosH·Xi.
    const gxr = tf.add(tf.matMul(t.cosH, gzr), tf.matMul(t.sinH, gzi));
    const gxi = tf.sub(tf.matMul(t.cosH, gzi), tf.matMul(t.sinH, gzr));
    const back = (x: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(x, [h, count, n]), [1, 0, 2]), [...outer, h, n]);
    return [back(gxr), back(gxi)] as [tf.Tensor, tf.Tensor];
  });
}
