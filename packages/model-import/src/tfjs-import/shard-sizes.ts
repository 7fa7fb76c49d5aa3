import path from 'node:path';
import { TfjsImportError } from './tfjs-import-error';
import type { ManifestGroup } from './weights-manifest';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * The shard to blame when a group's files do not add up to what its manifest declares. The converter writes equal
 * shards and a smaller last one, so a non-last shard that differs from its siblings is the damaged one (the
 * smaller one when the group is short, the larger one when it is long); otherwise the last one is, unless the
 * shards before it already hold more than the group needs, in which case the first that overflows it is.
 */
function blamedShard(sizes: readonly number[], expected: number): number {
  const inner = sizes.slice(0, -1);
  const long = sum(sizes) > expected;
  const common = long ? Math.min(...inner) : Math.max(...inner, 0);
  const odd = inner.findIndex((s) => (long ? s > common : s < common));
  if (odd >= 0) return odd;
  if (!long || sum(inner) <= expected) return sizes.length - 1;
  let before = 0;
  return Math.max(0, sizes.findIndex((s) => (before += s) > expected));
}

/**
 * Refuses a group whose weight files hold fewer (`short-shard`) or more (`long-shard`) bytes than its manifest
 * entries need, naming the file to blame, its size and the size it should have (what the group needs less the
 * other files), then the group's totals.
 */
export function checkShardSizes(dir: string, group: ManifestGroup, g: number, file: string, sizes: readonly number[], expected: number): void {
  const total = sum(sizes);
  if (total === expected) return;
  const index = blamedShard(sizes, expected);
  const should = Math.max(0, expected - (total - sizes[index]!));
  throw new TfjsImportError(
    total < expected ? 'short-shard' : 'long-shard',
    `weight file ${path.join(dir, group.paths[index]!)} holds ${sizes[index]} bytes, expected ${should}: ` +
      `the ${group.weights.length} weights of group ${g + 1} in ${file} need ${expected} bytes across ${group.paths.length} file(s), found ${total}`,
  );
}
