'use client';

import { JobQuery, followJob, query } from '@branchscope/client';
import type { JobQueryResult, JobState } from '@branchscope/client';
import { useFollowedJob as useFollowed } from '@branchscope/ui';
import { useEffect, useState } from 'react';
import { browserClient } from '../lib/browser-client';

/** A job followed live, and once it has SUCCEEDED, the job as `JobQuery` reads it (with an import's model). */
export interface FollowedJob {
  state: JobState | null;
  finished: JobQueryResult['job'];
  /** Why live progress stopped, when it stopped before the job ended. */
  lost: string | null;
}

/** Follows `jobId` (nothing when null) with ui's `useFollowedJob`, then reads the finished job with `JobQuery`. */
export function useFollowedJob(jobId: string | null, initial: JobState | null = null): FollowedJob {
  const [finished, setFinished] = useState<JobQueryResult['job']>(null);
  const [readError, setReadError] = useState<string | null>(null);
  useEffect(() => {
    setFinished(null);
    setReadError(null);
  }, [jobId]);
  const { job, lost } = useFollowed(jobId, initial, followJob, (next) => {
    if (next.status === 'SUCCEEDED' && jobId) {
      query(browserClient(), JobQuery, { id: jobId }).then(
        (result) => setFinished(result.job),
        (error: Error) => setReadError(error.message),
      );
    }
  });
  return { state: job, finished, lost: lost ?? readError };
}
