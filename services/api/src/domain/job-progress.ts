import { isFinished } from '@branchscope/jobs';
import { getJob, type JobRecord } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { notFound } from './api-error';
import { jobView, type JobView } from './jobs';
import { pushIterator } from './push-iterator';

const STAGE = { QUEUED: 0, RUNNING: 1, SUCCEEDED: 2, FAILED: 2, CANCELLED: 2 } as const;

/** Whether `job` says something `last` did not, never going back (an event older than the first read is dropped). */
const isNewer = (job: JobRecord, last: JobRecord | undefined): boolean =>
  !last ||
  STAGE[job.status] > STAGE[last.status] ||
  (STAGE[job.status] === STAGE[last.status] && (job.progress > last.progress || (job.worker !== last.worker && job.worker !== null)));

/**
 * The job's states as they happen: its current state first, then every change the queue reports (start, progress,
 * worker, end), progress never decreasing, ending after SUCCEEDED, FAILED or CANCELLED. The same in both queue
 * modes, since both report through `queue.subscribe`. NOT_FOUND for an unknown id.
 */
export async function jobProgressEvents(deps: ApiDeps, id: string): Promise<AsyncIterableIterator<JobView>> {
  let last: JobRecord | undefined;
  let early: JobRecord[] | undefined = [];
  const stream = pushIterator<JobView>(() => unsubscribe());
  const offer = (job: JobRecord) => {
    if (!isNewer(job, last)) return;
    last = job;
    stream.push(jobView(job));
    if (isFinished(job)) stream.end();
  };
  // Listen before reading, so no change between the read and the first event is lost.
  const unsubscribe = deps.queue.subscribe(({ job }) => {
    if (job.id !== id) return;
    if (early) early.push(job);
    else offer(job);
  });
  let current: JobRecord | undefined;
  try {
    current = await getJob(deps.store, id);
  } catch (error) {
    stream.end();
    throw error;
  }
  if (!current) {
    stream.end();
    throw notFound(`no job with id '${id}'`);
  }
  const buffered = early;
  early = undefined;
  for (const job of [current, ...buffered]) offer(job);
  return stream.iterator;
}
