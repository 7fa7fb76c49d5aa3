import { uniformStream } from '@branchscope/runtime';

/** A Fisher-Yates permutation of 0..n-1 from the seeded stream `key`: the same on every machine. */
export function seededPermutation(n: number, key: string): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = uniformStream(key);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
