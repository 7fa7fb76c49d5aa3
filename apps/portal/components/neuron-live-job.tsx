'use client';

import { followJob } from '@branchscope/client';
import type { JobState } from '@branchscope/client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { browserGraphqlUrl } from '../lib/browser-client';

/**
 * The job that will store what a neuron page section shows, followed through the `jobProgress` subscription; the page
 * refreshes (its server component reads the stored result) once the job has SUCCEEDED, and while it runs at most every
 * 2 s, since a layer's render stores its units batch by batch.
 */
export function NeuronLiveJob({ job: initial, what }: { job: JobState; what: string }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [lost, setLost] = useState<string | null>(null);
  useEffect(() => {
    let last = 0;
    return followJob({
      url: browserGraphqlUrl(),
      jobId: initial.id,
      onState: (state) => {
        setJob(state);
        if (state.status === 'SUCCEEDED' || (state.status === 'RUNNING' && Date.now() - last > 2000)) {
          last = Date.now();
          router.refresh();
        }
      },
      onEnd: (error) => error && setLost(error.message),
    });
  }, [initial.id, router]);
  return (
    <div className="job-wait" role="status" data-job-id={job.id} data-job-status={job.status}>
      {job.status === 'FAILED' || job.status === 'CANCELLED' ? (
        <p>
          Job <code>{job.id.slice(0, 8)}</code> computing {what} {job.status === 'FAILED' ? 'failed' : 'was cancelled'}: {job.error}
        </p>
      ) : (
        <p>
          <progress max={1} value={job.progress} aria-label={`progress of ${what}`} /> Job <code>{job.id.slice(0, 8)}</code>{' '}
          {job.status === 'QUEUED' ? `is queued to compute ${what}` : `computing ${what}: ${Math.round(job.progress * 100)}%`}
        </p>
      )}
      {lost ? <p className="caption">Live progress stopped ({lost}); reload the page to see the result.</p> : null}
    </div>
  );
}
