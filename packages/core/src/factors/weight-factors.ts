import type { Matrix } from '../linalg/matrix';
import { svd } from '../linalg/svd';

/** Singular vectors of a layer pair's |W| matrix, per input unit (left) and per output unit (right). */
export interface WeightFactors {
  /** Whether each column's mean over input units was subtracted before the SVD (PCA over input units). */
  centered: boolean;
  /** Descending; k = min(rows, cols) of them. */
  singularValues: number[];
  /** s_k^2 / sum of s^2; sums to 1 (all zeros for a zero matrix). */
  explainedVariance: number[];
  /** rows x k: U[i, k], factor k's loading on input unit i. */
  left: Matrix;
  /** cols x k: V[j, k], factor k's loading on output unit j. */
  right: Matrix;
}

/**
 * Factors of a non-negative |W| matrix (rows = input units, cols = output units) by SVD.
 *
 * Uncentred: the SVD of A itself. Because |W| is non-negative, its first singular vectors are one-signed
 * (Perron-Frobenius), so factor 0 mostly measures each unit's overall connection strength; the structure that
 * separates branches (e.g. AlexNet's colour vs. black-and-white units) shows up from factor 1 on.
 *
 * Centred: the SVD of A with each column's mean over rows subtracted, i.e. PCA with input units as observations.
 * This removes the overall-strength direction, so factor 0 is already a contrast between groups of units.
 *
 * Signs follow {@link svd}'s convention (largest-magnitude entry of each left vector is positive).
 */
export function weightFactors(a: Matrix, options: { centered: boolean }): WeightFactors {
  const input = options.centered ? centerColumns(a) : a;
  const { u, s, v } = svd(input);
  const singularValues = Array.from(s);
  const total = singularValues.reduce((sum, x) => sum + x * x, 0);
  const explainedVariance = singularValues.map((x) => (total > 0 ? (x * x) / total : 0));
  return { centered: options.centered, singularValues, explainedVariance, left: u, right: v };
}

function centerColumns(a: Matrix): Matrix {
  const { rows, cols } = a;
  const data = Float64Array.from(a.data);
  if (rows === 0) return { rows, cols, data };
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += data[i * cols + j]!;
    mean /= rows;
    for (let i = 0; i < rows; i++) data[i * cols + j] = data[i * cols + j]! - mean;
  }
  return { rows, cols, data };
}
