/**
 * Benjamini–Hochberg q-values: for each p-value, the smallest false discovery rate at which it would be called
 * significant among all m tests, q_(i) = min over j >= i of p_(j) m / j (sorted ascending), capped at 1.
 * The result is in the input order and never ranks a smaller p above a larger one.
 * @throws RangeError naming the index of a p-value that is not in [0, 1].
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${i} must be in [0, 1], got ${p}`);
  });
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1]!;
    running = Math.min(running, (pValues[index]! * m) / rank);
    q[index] = running;
  }
  return q;
}
