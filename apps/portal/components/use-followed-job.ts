'use client';

import { JobQuery, followJob, query } from '@branchscope/client';
import type { JobQueryResult, JobState } from '@branchscope/client';
import { useEffect, useState } from 'react';
import { browserClient, browserGraphqlUrl } from '../lib/browser-client';

/** A job followed live, and once it has SUCCEEDED, the job as `JobQuery` reads it (with an import's model). */
export interface FollowedJob {
  state: JobState | null;
  finished: JobQueryResult['job'];
  /** Why live progress stopped, when it stopped before the job ended. */
  lost: string | null;
}

/** Follows `jobId` (nothing when null) through the `jobProgress` subscription at the portal's `/graphql`. */
export function useFollowedJob(jobId: string | null, initial: JobState | null = null): FollowedJob {
  const [state, setState] = useState<JobState | null>(initial);
  const [finished, setFinished] = useState<JobQueryResult['job']>(null);
  const [lost, setLost] = useState<string | null>(null);
  useEffect(() => {
    setFinished(null);
    setLost(null);
    if (!jobId) return;
    return followJob({
      url: browserGraphqlUrl(),
      jobId,
      onState: (next) => {
        setState(next);
        if (next.status === 'SUCCEEDED') {
          query(browserClient(), JobQuery, { id: jobId }).then(
            ({ job }) => setFinished(job),
            (error: Error) => setLost(error.message),
          );
        }
      },
      onEnd: (error) => {
        if (error) setLost(error.message);
      },
    });
  }, [jobId]);
  return { state, finished, lost };
}
