import { getJob, type JobRecord, type Store } from '@branchscope/store';
import { isFinished, JobQueueError, type WaitOptions } from './job-queue';
import type { JobWaiters } from './job-waiters';

/**
 * `JobQueue.waitFor` for queues that record jobs in a store: registers a waiter first and then reads the store,
 * so a job finishing in between is not missed. Rejects for an unknown id and on timeout.
 */
export function waitForJob(store: Store, waiters: JobWaiters, jobId: string, options: WaitOptions = {}): Promise<JobRecord> {
  return new Promise<JobRecord>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      remove();
    };
    const remove = waiters.add(jobId, {
      resolve: (job) => (done(), resolve(job)),
      reject: (error) => (done(), reject(error)),
    });
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        remove();
        reject(new JobQueueError(`job ${jobId} did not finish within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
    }
    getJob(store, jobId).then(
      (job) => {
        if (!job) {
          done();
          reject(new JobQueueError(`no job with id '${jobId}'`));
        } else if (isFinished(job)) {
          done();
          resolve(job);
        }
      },
      (error: Error) => (done(), reject(error)),
    );
  });
}
