import { modelId, permutationTest } from '@branchscope/core';
import { PERMUTATION_TEST_JOB, permutationTestKey, type JobData, type JobHandler, type PermutationTestJobInput, type PermutationTestValue } from '@branchscope/jobs';

/** The `permutation-test` handler: runs core's seeded test on the job's input and stores it under its key. */
export function permutationTestHandler(deps: { data: JobData }): JobHandler<PermutationTestJobInput> {
  return async ({ input, job }) => {
    const value: PermutationTestValue = permutationTest(input.test);
    const key = permutationTestKey(input);
    await deps.data.writes.putResult({ key, kind: PERMUTATION_TEST_JOB, modelId: modelId(input.modelId), params: { layer: input.test.layer, permutations: input.test.permutations, seed: input.test.seed }, value, jobId: job.id });
    return { resultKey: key };
  };
}
