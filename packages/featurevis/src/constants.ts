/**
 * Every constant of the reference feature-visualization recipe (Lucid's defaults, see
 * docs/reference/feature-visualization.md), in one place so that renders stay comparable with published ones.
 */

/** Inclusive integer range [from, to]. */
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Lucid's colour correlation matrix (rows: R, G, B; columns: decorrelated components). */
export const COLOR_CORRELATION: readonly (readonly [number, number, number])[] = [
  [0.26, 0.09, 0.02],
  [0.27, 0.0, -0.05],
  [0.27, -0.09, 0.03],
];

/** Largest column norm of {@link COLOR_CORRELATION}; Lucid divides by it so no component is amplified. */
export const COLOR_MAX_NORM = 0.46195;

export const RECIPE = Object.freeze({
  /** Standard deviation of the Normal(0, sd) initial spectrum (real and imaginary parts). */
  spectrumSd: 0.01,
  /** Spectrum scaled by 1 / max(f, 1 / max(w, h)) ** decayPower. */
  decayPower: 1,
  /** The inverse FFT's output is divided by this before colour decorrelation. */
  imageDivisor: 4,
  /** First transform: constant padding of this many pixels on every side ... */
  pad: 12,
  /** ... with this value (mid-grey in [0, 1] pixel space). */
  padValue: 0.5,
  /** Second transform: random crop that removes this many pixels in each dimension. */
  jitterFirst: 8,
  /** Third transform: one of these bilinear scale factors, 0.90, 0.92, ..., 1.10. */
  scales: Object.freeze(range(0, 10).map((i) => Math.round((0.9 + 0.02 * i) * 100) / 100)),
  /** Fourth transform: one of these rotations in degrees, -10..10 plus five extra 0s (26 entries). */
  angles: Object.freeze([...range(-10, 10), 0, 0, 0, 0, 0]),
  /** Fifth transform: random crop that removes this many pixels in each dimension. */
  jitterLast: 4,
  /** Adam learning rate. */
  learningRate: 0.05,
  /** Adam epsilon as in TensorFlow 1's AdamOptimizer (tfjs would default to 1e-7). */
  adamEpsilon: 1e-8,
  /** Optimisation steps of a single render. */
  steps: 512,
  /** Optimisation steps of the many-neurons-per-batch recipe. */
  batchSteps: 128,
  /** ReLU gradients are redirected during this many first steps so dead units can wake up. */
  reluRedirectSteps: 16,
  /** Weight of the diversity penalty in `channel - 100 * diversity`. */
  diversityWeight: 100,
});
