'use client';

import { followJob, type JobState } from '@branchscope/client';
import { LiveJob } from '@branchscope/ui';
import { useRouter } from 'next/navigation';

/**
 * ui's `LiveJob` bound to this zone: follows the job through the client's `followJob` (the portal's `/graphql`
 * WebSocket) and, once it has SUCCEEDED, refreshes the page, whose server components then read the stored result.
 */
export function JobWait({ job, what }: { job: JobState; what: string }) {
  const router = useRouter();
  return <LiveJob job={job} what={what} follow={followJob} refresh={() => router.refresh()} />;
}
