import type { JobRecord } from '@branchscope/store';

interface Waiter {
  resolve: (job: JobRecord) => void;
  reject: (error: Error) => void;
}

/** Promises waiting for jobs to finish, by job id. */
export class JobWaiters {
  private readonly byJob = new Map<string, Set<Waiter>>();

  /** Adds a waiter; returns a function that removes it again. */
  add(jobId: string, waiter: Waiter): () => void {
    const set = this.byJob.get(jobId) ?? new Set<Waiter>();
    set.add(waiter);
    this.byJob.set(jobId, set);
    return () => {
      set.delete(waiter);
      if (set.size === 0) this.byJob.delete(jobId);
    };
  }

  /** Resolves and removes every waiter of this job. */
  settle(job: JobRecord): void {
    const set = this.byJob.get(job.id);
    this.byJob.delete(job.id);
    for (const waiter of set ?? []) waiter.resolve(job);
  }

  /** Rejects and removes every waiter of this job, or of all jobs. */
  fail(error: Error, jobId?: string): void {
    const ids = jobId === undefined ? [...this.byJob.keys()] : [jobId];
    for (const id of ids) {
      const set = this.byJob.get(id);
      this.byJob.delete(id);
      for (const waiter of set ?? []) waiter.reject(error);
    }
  }
}
