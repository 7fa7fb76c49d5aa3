'use client';

import { followJob, type JobState } from '@branchscope/client';
import { LiveJob } from '@branchscope/ui';
import { useRouter } from 'next/navigation';

/**
 * ui's `LiveJob` for the specialization report's job: followed live over the portal's `/graphql`, and once it has
 * SUCCEEDED the page refreshes (its server component then reads the stored report). A FAILED job is ui's error panel.
 */
export function SpecializationLiveJob({ job, what }: { job: JobState; what: string }) {
  const router = useRouter();
  return <LiveJob job={job} what={what} follow={followJob} refresh={() => router.refresh()} />;
}
