import type { Matrix } from './matrix';

/**
 * Fills the given columns of m (in place) with unit vectors orthogonal to every other column, so that m's columns
 * become orthonormal. The other columns must already be orthonormal. Candidates are the standard basis vectors in
 * order, so the result is deterministic.
 */
export function completeOrthonormal(m: Matrix, columns: readonly number[]): void {
  const { rows, cols } = m;
  const pending = new Set(columns);
  if (pending.size > rows) {
    throw new RangeError(`completeOrthonormal: cannot fit ${cols} orthonormal columns of length ${rows}`);
  }
  const filled = Array.from({ length: cols }, (_, j) => j).filter((j) => !pending.has(j));
  let next = 0;
  for (const target of columns) {
    let best: Float64Array | undefined;
    let bestNorm = -1;
    // Any candidate keeping half its length is well conditioned; otherwise take the best seen.
    for (let tried = 0; tried < rows && bestNorm < 0.5; tried++, next = (next + 1) % rows) {
      const x = new Float64Array(rows);
      x[next] = 1;
      const norm = orthogonalize(m, filled, x);
      if (norm > bestNorm) {
        best = x;
        bestNorm = norm;
      }
    }
    if (!best || bestNorm <= 0) throw new RangeError(`completeOrthonormal: no direction left for column ${target}`);
    for (let i = 0; i < rows; i++) m.data[i * cols + target] = best[i]! / bestNorm;
    filled.push(target);
  }
}

/** Removes from x its components along the filled columns (twice, for stability); returns the remaining norm. */
function orthogonalize(m: Matrix, filled: readonly number[], x: Float64Array): number {
  const { rows, cols } = m;
  for (let pass = 0; pass < 2; pass++) {
    for (const j of filled) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += m.data[i * cols + j]! * x[i]!;
      for (let i = 0; i < rows; i++) x[i] = x[i]! - dot * m.data[i * cols + j]!;
    }
  }
  let sum = 0;
  for (let i = 0; i < rows; i++) sum += x[i]! * x[i]!;
  return Math.sqrt(sum);
}
