import type { Random } from '../random/create-random';

export interface KMeansResult {
  labels: Int32Array;
  /** Sum of squared distances to the assigned centres. */
  inertia: number;
}

function squaredDistance(points: Float64Array, p: number, centres: Float64Array, c: number, d: number): number {
  let sum = 0;
  for (let t = 0; t < d; t++) {
    const diff = points[p * d + t]! - centres[c * d + t]!;
    sum += diff * diff;
  }
  return sum;
}

/** k-means++ seeding: each next centre drawn with probability proportional to its squared distance to the nearest. */
function seedCentres(points: Float64Array, n: number, d: number, k: number, random: Random): Float64Array {
  const centres = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = random.int(n);
  for (let c = 0; c < k; c++) {
    centres.set(points.subarray(chosen * d, (chosen + 1) * d), c * d);
    let total = 0;
    for (let p = 0; p < n; p++) {
      nearest[p] = Math.min(nearest[p]!, squaredDistance(points, p, centres, c, d));
      total += nearest[p]!;
    }
    if (c === k - 1) break;
    let target = random.next() * total;
    chosen = random.int(n); // only kept when every point already sits on a centre (total 0)
    for (let p = 0; p < n && total > 0; p++) {
      target -= nearest[p]!;
      if (target < 0) {
        chosen = p;
        break;
      }
    }
  }
  return centres;
}

function lloyd(points: Float64Array, n: number, d: number, k: number, centres: Float64Array): KMeansResult {
  const labels = new Int32Array(n).fill(-1);
  const counts = new Int32Array(k);
  let inertia = 0;
  for (let iteration = 0; iteration < 300; iteration++) {
    let changed = false;
    inertia = 0;
    const distances = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        const dist = squaredDistance(points, p, centres, c, d);
        if (dist < bestDistance) [best, bestDistance] = [c, dist];
      }
      if (labels[p] !== best) changed = true;
      labels[p] = best;
      distances[p] = bestDistance;
      inertia += bestDistance;
    }
    if (!changed) break;
    centres.fill(0);
    counts.fill(0);
    for (let p = 0; p < n; p++) {
      counts[labels[p]!]!++;
      for (let t = 0; t < d; t++) centres[labels[p]! * d + t]! += points[p * d + t]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // An empty cluster takes over the point worst served by its centre.
        const far = distances.indexOf(Math.max(...distances));
        centres.set(points.subarray(far * d, (far + 1) * d), c * d);
        distances[far] = 0;
      } else {
        for (let t = 0; t < d; t++) centres[c * d + t]! /= counts[c]!;
      }
    }
  }
  return { labels, inertia };
}

/**
 * Lloyd's k-means on n points of dimension d (row-major), best of `restarts` k-means++ seedings drawn from `random`.
 */
export function kMeans(points: Float64Array, n: number, d: number, k: number, random: Random, restarts = 10): KMeansResult {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`kMeans: k must be an integer in [1, ${n}], got ${k}`);
  let best: KMeansResult | undefined;
  for (let r = 0; r < Math.max(1, restarts); r++) {
    const result = lloyd(points, n, d, k, seedCentres(points, n, d, k, random));
    if (!best || result.inertia < best.inertia - 1e-12 * Math.max(1, best.inertia)) best = result;
  }
  return best!;
}
