'use client';

import { followJob, type JobState } from '@branchscope/client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

export interface LiveJobProps {
  /** The job computing what this section shows, as the API answered it. */
  job: JobState;
  /** What the job computes, for the status line: `the feature images of stage1_unit1`. */
  what: string;
  /**
   * Refresh the page while the job runs, at most once per this many milliseconds, so a section drawing what the job
   * has stored so far (feature images, one per unit) fills in as it goes; absent: refresh once it has SUCCEEDED.
   */
  refreshEveryMs?: number;
}

/**
 * A section whose result a worker is computing: follows its job through the API's `jobProgress` subscription (over
 * the portal's `/graphql` WebSocket, no polling), draws its progress, and refreshes the page (whose server components
 * read what is stored) once it has SUCCEEDED, and with `refreshEveryMs` while it runs. A FAILED or CANCELLED job is
 * shown with its error.
 */
export function LiveJob({ job: initial, what, refreshEveryMs }: LiveJobProps) {
  const router = useRouter();
  const [job, setJob] = useState<JobState>(initial);
  const [lost, setLost] = useState<string | null>(null);
  const lastRefresh = useRef(0);

  useEffect(() => {
    const url = new URL('/graphql', window.location.href).href;
    return followJob({
      url,
      jobId: initial.id,
      onState: (state) => {
        setJob(state);
        if (state.status === 'SUCCEEDED') {
          router.refresh();
        } else if (refreshEveryMs !== undefined && state.status === 'RUNNING' && Date.now() - lastRefresh.current >= refreshEveryMs) {
          lastRefresh.current = Date.now();
          router.refresh();
        }
      },
      onEnd: (error) => {
        if (error) setLost(error.message);
      },
    });
  }, [initial.id, router, refreshEveryMs]);

  return (
    <div className="job-wait" role="status" data-job-id={job.id} data-job-kind={job.kind} data-job-status={job.status} data-job-progress={job.progress}>
      {job.status === 'FAILED' || job.status === 'CANCELLED' ? (
        <p>
          Job <code>{job.id.slice(0, 8)}</code> computing {what} {job.status === 'FAILED' ? 'failed' : 'was cancelled'}: {job.error}. Reload the page to
          start it again.
        </p>
      ) : (
        <p>
          <progress max={1} value={job.progress} aria-label={`progress of ${what}`} /> Job <code>{job.id.slice(0, 8)}</code>{' '}
          {job.status === 'QUEUED'
            ? `is queued to compute ${what}`
            : job.status === 'SUCCEEDED'
              ? `has computed ${what}; loading…`
              : `computing ${what}: ${Math.round(job.progress * 100)}%`}
        </p>
      )}
      {lost ? <p className="caption">Live progress stopped ({lost}); reload the page to see the result.</p> : null}
    </div>
  );
}
