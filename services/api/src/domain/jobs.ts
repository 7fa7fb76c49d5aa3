import { JOB_STATUSES, getJob, listJobs, type JobRecord, type JobStatus } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';

export interface JobView {
  id: string;
  kind: string;
  /** The job's input, its kind's parameters. */
  input: unknown;
  status: JobStatus;
  progress: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Where the job stored its result, if it stored one. */
  resultKey: string | null;
  /** The worker process that ran (or runs) it, `host:pid`. */
  worker: string | null;
}

/** The API's view of a job record. */
export const jobView = (job: JobRecord): JobView => ({
  id: job.id,
  kind: job.kind,
  input: job.input,
  status: job.status,
  progress: job.progress,
  error: job.error,
  createdAt: job.createdAt,
  startedAt: job.startedAt,
  finishedAt: job.finishedAt,
  resultKey: job.resultKey,
  worker: job.worker,
});

/** Jobs, newest first, optionally with one status. */
export async function listJobViews(deps: ApiDeps, status?: string | null): Promise<JobView[]> {
  if (status != null && !JOB_STATUSES.includes(status as JobStatus)) {
    throw badInput(`status '${status}' is not a job status; use one of ${JOB_STATUSES.join(', ')}`);
  }
  return (await listJobs(deps.store, status ? { status: status as JobStatus } : {})).map(jobView);
}

/** One job, or null when no job has this id. */
export async function findJobView(deps: ApiDeps, id: string): Promise<JobView | null> {
  const job = await getJob(deps.store, id);
  return job ? jobView(job) : null;
}
