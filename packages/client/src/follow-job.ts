import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { JobProgressDocument, type JobProgressSubscriptionResult } from './generated/graphql';
import type { JobState } from './types';

/** The `jobProgress` subscription's text (src/documents/job-progress.graphql): the job's state now, then each change. */
export const JOB_PROGRESS_SUBSCRIPTION = print(JobProgressDocument);

export interface FollowJobOptions {
  /** The API's GraphQL URL, http(s) or ws(s); http(s) is turned into ws(s). */
  url: string;
  jobId: string;
  /** Called with every state, the first being the job's state now. */
  onState: (job: JobState) => void;
  /** Called once the subscription completes (the job ended) or fails, with the error when it failed. */
  onEnd?: (error?: Error) => void;
  /** A WebSocket implementation where there is no global one (Node before 22: `ws`). */
  webSocketImpl?: unknown;
  /** An API token, sent as the connection parameter `authorization` (needed where the API's reads are by token). */
  token?: string;
}

/** Whether a job has ended: SUCCEEDED, FAILED or CANCELLED. */
export const jobHasEnded = (job: Pick<JobState, 'status'>): boolean =>
  job.status === 'SUCCEEDED' || job.status === 'FAILED' || job.status === 'CANCELLED';

/** The WebSocket URL of a GraphQL endpoint: `http://host/graphql` -> `ws://host/graphql`. */
export const webSocketUrl = (url: string): string => url.replace(/^http(s?):/, 'ws$1:');

/**
 * Follows one job through the `jobProgress` subscription (graphql-ws), in a browser or in Node. Returns the function
 * that stops following; it stops by itself once the job has ended.
 */
export function followJob({ url, jobId, onState, onEnd, webSocketImpl, token }: FollowJobOptions): () => void {
  const connectionParams = token ? { authorization: `Bearer ${token}` } : undefined;
  const client = createClient({ url: webSocketUrl(url), lazy: true, retryAttempts: 3, webSocketImpl, ...(connectionParams ? { connectionParams } : {}) });
  let ended = false;
  const end = (error?: Error) => {
    if (ended) return;
    ended = true;
    void client.dispose();
    onEnd?.(error);
  };
  const unsubscribe = client.subscribe<JobProgressSubscriptionResult>(
    { query: JOB_PROGRESS_SUBSCRIPTION, variables: { id: jobId } },
    {
      next: (result) => {
        if (result.errors?.length) end(new Error(`jobProgress(${jobId}): ${result.errors.map((e) => e.message).join('; ')}`));
        else if (result.data) onState(result.data.jobProgress);
      },
      error: (error) => {
        const message = Array.isArray(error)
          ? error.map((e: { message?: string }) => e.message).join('; ')
          : error instanceof Error
            ? error.message
            : `the WebSocket closed (${(error as { code?: number }).code ?? 'no code'})`;
        end(new Error(`jobProgress(${jobId}): ${message}`));
      },
      complete: () => end(),
    },
  );
  return () => {
    unsubscribe();
    end();
  };
}
