import { badInput } from './api-error';

/** Most label permutations one `permutationTest` may ask for; its `permutation-test` job runs in the worker pool. */
export const MAX_PERMUTATIONS = 100_000;
/** Most shuffled networks one `clusterability` may ask for. */
export const MAX_SHUFFLES = 1000;
/** Cluster counts `clusterability` accepts. */
export const MIN_CLUSTERS = 2;
export const MAX_CLUSTERS = 64;
/** Most units (summed over its layers) one `clusterability` graph may have: its dense eigenproblems grow as n^2. */
export const MAX_CLUSTER_UNITS = 4096;
/** Longest name, author or category text a label write accepts. */
export const MAX_TEXT_LENGTH = 200;

/** A BAD_USER_INPUT naming the argument and the limits when `value` is not an integer in [min, max]. */
export function checkIntRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** A BAD_USER_INPUT naming the argument when `value` is blank or longer than {@link MAX_TEXT_LENGTH}. */
export function checkText(name: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badInput(`${name} must not be empty`);
  if (trimmed.length > MAX_TEXT_LENGTH) throw badInput(`${name} is ${trimmed.length} characters long, more than the limit of ${MAX_TEXT_LENGTH}`);
  return trimmed;
}
