'use client';

import { followJob, type JobState } from '@branchscope/client';
import { LiveJob } from '@branchscope/ui';
import { useRouter } from 'next/navigation';

/**
 * ui's `LiveJob` for a neuron page section: the page refreshes (its server component reads the stored result) once
 * the job has SUCCEEDED, and while it runs at most every 2 s, since a layer's render stores its units batch by batch.
 */
export function NeuronLiveJob({ job, what }: { job: JobState; what: string }) {
  const router = useRouter();
  return <LiveJob job={job} what={what} follow={followJob} refresh={() => router.refresh()} refreshWhileRunningMs={2000} />;
}
