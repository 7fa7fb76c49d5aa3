import type { Svd } from './svd';

/**
 * Makes an SVD's signs deterministic in place: each left singular vector's largest-magnitude entry is positive
 * (the first such entry on ties), its right vector flipped with it, so U S Vᵀ is unchanged.
 */
export function fixSigns({ u, v }: Svd): void {
  const k = u.cols;
  for (let c = 0; c < k; c++) {
    let best = 0;
    let bestAbs = -1;
    for (let i = 0; i < u.rows; i++) {
      const x = Math.abs(u.data[i * k + c]!);
      if (x > bestAbs) {
        bestAbs = x;
        best = i;
      }
    }
    if (u.data[best * k + c]! >= 0) continue;
    for (let i = 0; i < u.rows; i++) u.data[i * k + c] = -u.data[i * k + c]!;
    for (let i = 0; i < v.rows; i++) v.data[i * k + c] = -v.data[i * k + c]!;
  }
}
