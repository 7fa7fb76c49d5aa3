import { JobQuery, JobsQuery, operationText, type Job, type JobQueryResult, type JobsQueryResult, type JobStatus } from '@branchscope/client';
import { queryData } from './graphql';

/** A job as the client's Job query reads it: its state, input, times and worker, what it stored and its model. */
export type JobWithResult = NonNullable<JobQueryResult['job']>;
export type { Job };

/** The jobs list as the client's Jobs query reads it (newest first), of every state or only `status`. */
export async function listJobs(url: string, status?: JobStatus): Promise<Job[]> {
  return (await queryData<JobsQueryResult>(url, operationText(JobsQuery), status ? { status } : {})).jobs;
}

/** One job as the client's Job query reads it; throws naming the id when the API knows no such job. */
export async function jobById(url: string, id: string): Promise<JobWithResult> {
  const { job } = await queryData<JobQueryResult>(url, operationText(JobQuery), { id });
  if (!job) throw new Error(`the API knows no job '${id}'`);
  return job;
}
