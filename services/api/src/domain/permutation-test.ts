import { permutationTest } from '@branchscope/core';
import { PERMUTATION_TEST_JOB, permutationTestKey, type PermutationTestJobInput } from '@branchscope/jobs';
import { listLabels } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { mapAnswer, type Answer } from './answer';
import { requireLabelSet } from './label-sets';
import { branchesOfLayer } from './layer-branches';
import { queuedResult } from './queued-result';
import { checkIntRange, MAX_PERMUTATIONS } from './stat-limits';
import type { PermutationTest } from '../generated/resolver-types';

export interface PermutationTestArgs {
  modelId: string;
  labelSetId: string;
  layer: string;
  permutations: number;
  seed: number;
  /** Only labels of these categories count (e.g. one rule dimension); all when null. */
  categories?: string[] | null;
}

/** The schema's `PermutationTest`. */
export type PermutationTestView = PermutationTest;

/**
 * Whether a layer's categories depend on its branches: the seeded permutation test of mutual information (and
 * chi-square) between branch and category over the labelled units, run by a `permutation-test` job (in the quick
 * lane of the worker pool) and stored by the labels it was run on, so asking again is answered from the store;
 * answered at once with the job while it runs. Same seed, same answer.
 * BAD_USER_INPUT for permutations outside 1 to {@link MAX_PERMUTATIONS}, a layer without branches, or a unit with
 * two categories (pass `categories` to keep one dimension).
 */
export async function runPermutationTest(deps: ApiDeps, args: PermutationTestArgs): Promise<Answer<PermutationTestView>> {
  checkIntRange('permutations', args.permutations, 1, MAX_PERMUTATIONS);
  const model = await deps.catalog.require(args.modelId);
  await requireLabelSet(deps, args.labelSetId, model.id);
  const { layer, units, branches } = branchesOfLayer(model, deps.catalog.blocks(model), args.layer);
  const keep = args.categories == null ? undefined : new Set(args.categories);
  const labels = (await listLabels(deps.store, args.labelSetId, { layer })).filter((label) => !keep || keep.has(label.category));
  const test = { layer, units, branches, labels, permutations: args.permutations, seed: args.seed };
  try {
    // One permutation checks the labels (a unit with two categories, ...) here, so bad input is answered as such;
    // the full loop runs in a worker, never on the API's event loop.
    permutationTest({ ...test, permutations: 1 });
  } catch (error) {
    if (error instanceof RangeError) {
      const hint = /two categories/.test(error.message) ? '; pass `categories` to test one dimension at a time' : '';
      throw badInput(`label set '${args.labelSetId}': ${error.message}${hint}`, error);
    }
    throw error;
  }
  const input: PermutationTestJobInput = { modelId: model.id, test };
  const answer = await queuedResult(deps, PERMUTATION_TEST_JOB, input, permutationTestKey(input));
  return mapAnswer(answer, (result) => ({ ...result.value, seed: args.seed }));
}
