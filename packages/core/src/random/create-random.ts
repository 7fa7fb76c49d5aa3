/**
 * A small seeded pseudo-random generator (mulberry32 over a splitmix32-mixed seed), so that every statistic that
 * samples (permutations, shuffles, k-means++ seeding) is reproducible from one integer.
 */

/** Anything indexable and writable in place: arrays and typed arrays. */
export interface MutableArrayLike<T> {
  length: number;
  [index: number]: T;
}

export interface Random {
  /** Uniform in [0, 1), 53 bits of precision. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<A extends MutableArrayLike<unknown>>(array: A): A;
}

const TWO_POW_32 = 2 ** 32;

/** splitmix32 finaliser: spreads nearby seeds (0, 1, 2, ...) across the state space. */
function mixSeed(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A deterministic generator: the same seed always yields the same sequence.
 * @param seed any safe integer (its low 32 bits and sign are used).
 * @throws RangeError when the seed is not a safe integer.
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  let state = mixSeed(seed ^ Math.floor(seed / TWO_POW_32));
  let spareNormal: number | undefined;

  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };

  const next = (): number => (nextUint32() * 2 ** 21 + (nextUint32() >>> 11)) / 2 ** 53;

  const int = (n: number): number => {
    if (!Number.isSafeInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${n}`);
    }
    // Rejection keeps every residue equally likely; at most half the draws are rejected.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = nextUint32();
    while (x >= limit) x = nextUint32();
    return x % n;
  };

  const normal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    const u = 1 - next(); // in (0, 1], so the log is finite
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * next();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  const shuffle = <A extends MutableArrayLike<unknown>>(array: A): A => {
    for (let i = array.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const held = array[i];
      array[i] = array[j];
      array[j] = held;
    }
    return array;
  };

  return { next, int, normal, shuffle };
}
