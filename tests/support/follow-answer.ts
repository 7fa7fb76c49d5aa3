import type { Answer, JobState } from '@branchscope/client';
import { queryData, type GraphqlResponse } from './graphql';
import { collectSubscription } from './subscribe';

/** A job as an `*Answer` names it: the client's generated `JobState` (ANSWER_JOB_FIELDS selects its fields). */
export type AnswerJob = JobState;
/** What every expensive field answers (see the schema's "Jobs as handles"). */
export type { Answer };

/** The selection every test asks of an answer's job. */
export const ANSWER_JOB_FIELDS = 'job { id kind status progress error }';

const JOB_PROGRESS = 'subscription ($id: ID!) { jobProgress(id: $id) { id status progress error } }';

/**
 * Follows a job to its end through the `jobProgress` subscription, the way clients do, and throws naming the job
 * and its error unless it SUCCEEDED.
 */
export async function followJob(url: string, job: AnswerJob, timeoutMs = 5 * 60_000): Promise<void> {
  const { values, errors } = await collectSubscription<{ jobProgress: AnswerJob }>(url, JOB_PROGRESS, { id: job.id }, timeoutMs);
  if (errors?.length) throw new Error(`following ${job.kind} job ${job.id}: ${errors.map((e) => e.message).join('; ')}`);
  const last = values.at(-1)?.jobProgress;
  if (last?.status !== 'SUCCEEDED') throw new Error(`${job.kind} job ${job.id} ended ${last?.status ?? 'without a state'}: ${last?.error ?? ''}`);
}

/**
 * Asks `query`, whose field `field` is an `*Answer` selecting at least `result` and {@link ANSWER_JOB_FIELDS};
 * while it answers with a job, follows the job to its end and asks again. Resolves with the result.
 */
export async function answerOf<T>(url: string, query: string, field: string, variables?: Record<string, unknown>, timeoutMs?: number): Promise<T> {
  for (let asked = 0; asked < 4; asked++) {
    const data = await queryData<Record<string, Answer<T>>>(url, query, variables);
    const answer = data[field];
    if (!answer) throw new Error(`the answer has no field '${field}'`);
    if (answer.result !== null) return answer.result;
    if (!answer.job) throw new Error(`${field} answered neither a result nor a job`);
    await followJob(url, answer.job, timeoutMs);
  }
  throw new Error(`${field} still answered with a job after its job succeeded three times`);
}

/**
 * Like {@link answerOf}, for a test that also looks at errors: sends the request with `ask()`; while `field` answers
 * with a job, follows it and asks again. Resolves with the response, `field` holding the result (errors unchanged).
 */
export async function answerResponse<T>(
  url: string,
  ask: () => Promise<GraphqlResponse<Record<string, Answer<T>>>>,
  field: string,
): Promise<GraphqlResponse<Record<string, T>>> {
  let response = await ask();
  const job = response.data?.[field]?.job;
  if (job) {
    await followJob(url, job);
    response = await ask();
  }
  const result = response.data?.[field]?.result;
  return { ...response, data: result ? { [field]: result } : undefined };
}
