/** Up to `limit` candidates closest to `name` (substring matches first, then by edit distance), for error hints. */
export function closeNames(name: string, candidates: readonly string[], limit = 4): string[] {
  const target = name.toLowerCase();
  const scored = candidates.map((candidate) => {
    const lower = candidate.toLowerCase();
    const contains = target.length > 0 && (lower.includes(target) || target.includes(lower));
    return { candidate, score: editDistance(target, lower) - (contains ? 1000 : 0) };
  });
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
