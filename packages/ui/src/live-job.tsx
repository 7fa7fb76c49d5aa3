'use client';

import { useRef } from 'react';
import { JobProgress, type JobProgressState } from './job-progress';
import { useFollowedJob, type FollowJob } from './use-followed-job';

export interface LiveJobProps<S extends JobProgressState> {
  /** The job computing what the section shows, as the server read it. */
  job: S;
  /** What the job computes, for the status line: `the conv2 feature images`. */
  what: string;
  /** The client's `followJob`. */
  follow: FollowJob<S>;
  /** Re-reads the page (Next.js: `router.refresh`), whose server components then read the stored result. */
  refresh: () => void;
  /** Also refresh while the job runs, at most this often (ms): for a job that stores its result in batches. */
  refreshWhileRunningMs?: number;
}

/**
 * A section whose result a worker is computing: follows its job live (`useFollowedJob`), draws it (`JobProgress`),
 * and refreshes the page once it has SUCCEEDED (and, with `refreshWhileRunningMs`, while it runs).
 */
export function LiveJob<S extends JobProgressState>({ job: initial, what, follow, refresh, refreshWhileRunningMs }: LiveJobProps<S>) {
  const lastRefresh = useRef(0);
  const { job, lost } = useFollowedJob(initial.id, initial, follow, (state) => {
    const due = refreshWhileRunningMs !== undefined && state.status === 'RUNNING' && Date.now() - lastRefresh.current > refreshWhileRunningMs;
    if (state.status === 'SUCCEEDED' || due) {
      lastRefresh.current = Date.now();
      refresh();
    }
  });
  return <JobProgress job={job ?? initial} what={what} lost={lost} />;
}
