'use client';

import { followJob, type JobState } from '@branchscope/client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

export interface JobWaitProps {
  /** The job computing what this section shows, as the API answered it. */
  job: JobState;
  /** What the job computes, for the status line: `the conv2 feature images`. */
  what: string;
}

/**
 * A section whose result a worker is computing: follows its job live through the API's `jobProgress` subscription
 * (over the portal's `/graphql` WebSocket), draws its progress, and once it has SUCCEEDED refreshes the page, whose
 * server components then read the stored result. A FAILED or CANCELLED job is shown with its error.
 */
export function JobWait({ job: initial, what }: JobWaitProps) {
  const router = useRouter();
  const [job, setJob] = useState<JobState>(initial);
  const [lost, setLost] = useState<string | null>(null);

  useEffect(() => {
    const url = new URL('/graphql', window.location.href).href;
    return followJob({
      url,
      jobId: initial.id,
      onState: (state) => {
        setJob(state);
        if (state.status === 'SUCCEEDED') router.refresh();
      },
      onEnd: (error) => {
        if (error) setLost(error.message);
      },
    });
  }, [initial.id, router]);

  const percent = Math.round(job.progress * 100);
  return (
    <div className="render-progress job-wait" role="status" data-job-id={job.id} data-job-kind={job.kind} data-job-status={job.status} data-job-progress={job.progress}>
      {job.status === 'FAILED' || job.status === 'CANCELLED' ? (
        <p className="job-wait-ended">
          Job <code>{job.id.slice(0, 8)}</code> computing {what} {job.status === 'FAILED' ? 'failed' : 'was cancelled'}: {job.error}. Reload
          the page to start it again.
        </p>
      ) : (
        <p>
          <progress max={1} value={job.progress} aria-label={`progress of ${what}`} /> Job <code>{job.id.slice(0, 8)}</code>{' '}
          {job.status === 'QUEUED' ? `is queued to compute ${what}` : job.status === 'SUCCEEDED' ? `has computed ${what}; loading…` : `computing ${what}: ${percent}%`}
        </p>
      )}
      {lost ? <p className="caption">Live progress stopped ({lost}); reload the page to see the result.</p> : null}
    </div>
  );
}
