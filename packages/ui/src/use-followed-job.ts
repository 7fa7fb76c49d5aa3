'use client';

import { useEffect, useRef, useState } from 'react';
import type { JobProgressState } from './job-progress';

/** How a job is followed: `@branchscope/client`'s `followJob` fits. Returns the function that stops following. */
export type FollowJob<S extends JobProgressState> = (options: {
  url: string;
  jobId: string;
  onState: (job: S) => void;
  onEnd?: (error?: Error) => void;
}) => () => void;

export interface FollowedJobState<S extends JobProgressState> {
  /** The latest state: `initial` until the subscription reports one; null with no job. */
  job: S | null;
  /** Why live progress stopped before the job ended, when it did. */
  lost: string | null;
}

/** The GraphQL URL at this page's own origin (`/graphql`), which the portal forwards to the API, WebSockets too. */
export const pageGraphqlUrl = (): string => new URL('/graphql', window.location.href).href;

/**
 * Follows job `jobId` (nothing while null) through `follow` (the client's `followJob`, over the `jobProgress`
 * subscription at this page's `/graphql`), calling `onState` with every state. ui fetches nothing itself: the app
 * hands it the function that subscribes.
 */
export function useFollowedJob<S extends JobProgressState>(
  jobId: string | null,
  initial: S | null,
  follow: FollowJob<S>,
  onState?: (job: S) => void,
): FollowedJobState<S> {
  const [job, setJob] = useState<S | null>(initial);
  const [lost, setLost] = useState<string | null>(null);
  const latest = useRef({ follow, onState });
  latest.current = { follow, onState };
  useEffect(() => {
    setLost(null);
    if (!jobId) return;
    return latest.current.follow({
      url: pageGraphqlUrl(),
      jobId,
      onState: (next) => {
        setJob(next);
        latest.current.onState?.(next);
      },
      onEnd: (error) => {
        if (error) setLost(error.message);
      },
    });
  }, [jobId]);
  return { job, lost };
}
