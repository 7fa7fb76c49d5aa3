import type { PermutationTestInput, PermutationTestResult } from '@branchscope/core';
import { contentKey, type ResultKey } from '@branchscope/store';

/**
 * The `permutation-test` job: the seeded permutation test of branch against category over a layer's labelled units
 * (core's `permutationTest`), run by a worker so the API's event loop never runs its loop of up to 100000
 * shuffles. The input carries everything the test reads (branches and the labels as they were asked about), so a
 * worker needs no store reads; the value is stored under {@link permutationTestKey}.
 */
export const PERMUTATION_TEST_JOB = 'permutation-test';

export interface PermutationTestJobInput {
  /** The model the labels describe; the stored result belongs to it. */
  modelId: string;
  test: PermutationTestInput & { permutations: number; seed: number };
}

export type PermutationTestValue = PermutationTestResult;

/** The content key of one test's result, also its job's dedupe key: the labels are part of it, so relabelling asks anew. */
export function permutationTestKey(input: PermutationTestJobInput): ResultKey {
  return contentKey(PERMUTATION_TEST_JOB, input.modelId, input.test);
}
