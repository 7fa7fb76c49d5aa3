'use client';

import { followJob, type JobState } from '@branchscope/client';
import { LiveJob } from '@branchscope/ui';
import { useRouter } from 'next/navigation';

/**
 * ui's `LiveJob` bound to this zone: follows the job through the client's `followJob` (the portal's `/graphql`
 * WebSocket) and refreshes the page, whose server components then read what is stored, once it has SUCCEEDED, and
 * with `refreshWhileRunningMs` also while it runs (a render stores its feature images unit by unit).
 */
export function JobWait({ job, what, refreshWhileRunningMs }: { job: JobState; what: string; refreshWhileRunningMs?: number }) {
  const router = useRouter();
  return <LiveJob job={job} what={what} follow={followJob} refresh={() => router.refresh()} refreshWhileRunningMs={refreshWhileRunningMs} />;
}
