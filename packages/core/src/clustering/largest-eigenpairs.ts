import { symmetricEigen } from '../linalg/symmetric-eigen';
import { createRandom, type Random } from '../random/create-random';

/** y = A x for a symmetric n x n operator A. */
export type SymmetricOperator = (x: Float64Array, y: Float64Array) => void;

export interface LargestEigenpairsOptions {
  seed?: number;
  /** Vectors per Krylov block; at least the largest multiplicity to be resolved. Default k + 4. */
  blockSize?: number;
  /** Stop when every wanted Ritz pair has |A u - theta u| <= tolerance * max(1, |theta|). Default 1e-8. */
  tolerance?: number;
  /** Largest Krylov basis; default max(150, 10 k). */
  maxBasis?: number;
}

export interface Eigenpairs {
  /** The k largest eigenvalues, descending. */
  values: Float64Array;
  /** Unit eigenvectors matching `values`. */
  vectors: Float64Array[];
  /** Largest residual |A u - theta u| among the returned pairs. */
  residual: number;
  converged: boolean;
  basisSize: number;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
};

/** Orthonormalises x against `basis` in place (two Gram–Schmidt passes); false when x lies in their span. */
function orthonormalize(x: Float64Array, basis: readonly Float64Array[]): boolean {
  const before = Math.sqrt(dot(x, x));
  for (let pass = 0; pass < 2; pass++) {
    for (const q of basis) {
      const c = dot(q, x);
      for (let i = 0; i < x.length; i++) x[i]! -= c * q[i]!;
    }
  }
  const after = Math.sqrt(dot(x, x));
  if (!(after > 1e-10 * before) || after === 0) return false;
  for (let i = 0; i < x.length; i++) x[i]! /= after;
  return true;
}

const randomVector = (n: number, random: Random) => Float64Array.from({ length: n }, () => random.normal());

/**
 * The k largest eigenpairs of a symmetric operator by block Krylov iteration with full reorthogonalisation and
 * Rayleigh–Ritz, calling `apply` about (basis size) times instead of forming the matrix. A block of b vectors
 * resolves eigenvalues of multiplicity up to b (e.g. one per disconnected component of a graph).
 * @throws RangeError when k is not in [1, n].
 */
export function largestEigenpairs(apply: SymmetricOperator, n: number, k: number, options: LargestEigenpairsOptions = {}): Eigenpairs {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`largestEigenpairs: k must be an integer in [1, ${n}], got ${k}`);
  const random = createRandom(options.seed ?? 0);
  const b = Math.min(n, options.blockSize ?? k + 4);
  const maxBasis = Math.min(n, Math.max(options.maxBasis ?? Math.max(150, 10 * k), k + b));
  const tolerance = options.tolerance ?? 1e-8;
  const basis: Float64Array[] = [];
  const images: Float64Array[] = [];
  const projected = new Float64Array(maxBasis * maxBasis);
  let block = Array.from({ length: b }, () => randomVector(n, random));
  let nextCheck = Math.min(maxBasis, Math.max(2 * b, 3 * k + 10));
  for (;;) {
    for (let x of block) {
      if (basis.length === maxBasis) break;
      // A vector already in the span (an invariant subspace was found) is replaced by a fresh direction.
      for (let tries = 0; !orthonormalize(x, basis); tries++) {
        if (tries === 5) throw new Error(`largestEigenpairs: could not extend a basis of ${basis.length} in dimension ${n}`);
        x = randomVector(n, random);
      }
      const y = new Float64Array(n);
      apply(x, y);
      const m = basis.length;
      basis.push(x);
      images.push(y);
      for (let i = 0; i <= m; i++) {
        const t = dot(basis[i]!, y);
        projected[i * maxBasis + m] = t;
        projected[m * maxBasis + i] = t;
      }
    }
    const m = basis.length;
    if (m >= nextCheck || m === maxBasis) {
      const t = { rows: m, cols: m, data: new Float64Array(m * m) };
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) t.data[i * m + j] = (projected[i * maxBasis + j]! + projected[j * maxBasis + i]!) / 2;
      }
      const { values, vectors } = symmetricEigen(t);
      const result: Eigenpairs = { values: new Float64Array(k), vectors: [], residual: 0, converged: true, basisSize: m };
      for (let r = 0; r < k; r++) {
        const column = m - 1 - r;
        const theta = values[column]!;
        const u = new Float64Array(n);
        const au = new Float64Array(n);
        for (let j = 0; j < m; j++) {
          const s = vectors.data[j * m + column]!;
          const [q, aq] = [basis[j]!, images[j]!];
          for (let i = 0; i < n; i++) {
            u[i]! += s * q[i]!;
            au[i]! += s * aq[i]!;
          }
        }
        let residual = 0;
        for (let i = 0; i < n; i++) residual += (au[i]! - theta * u[i]!) ** 2;
        residual = Math.sqrt(residual);
        result.values[r] = theta;
        result.vectors.push(u);
        result.residual = Math.max(result.residual, residual);
        if (residual > tolerance * Math.max(1, Math.abs(theta))) result.converged = false;
      }
      if (result.converged || m === maxBasis) return result;
      nextCheck = Math.min(maxBasis, Math.ceil(m * 1.3));
    }
    block = images.slice(-b).map((y) => Float64Array.from(y));
  }
}
