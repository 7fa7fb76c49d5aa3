'use client';

import type { JobState } from '@branchscope/client';
import { viewLinks } from '../lib/view-links';
import type { FollowedJob } from './use-followed-job';

/** An import or fetch job's live line: progress while it runs, the model with links to its views once imported. */
export function JobOutcome({ job, what }: { job: FollowedJob; what: string }) {
  const { state, finished, lost } = job;
  if (!state) return null;
  const model = finished?.model ?? null;
  return (
    <div className="job-outcome" role="status" data-job-id={state.id} data-job-status={state.status}>
      {state.status === 'SUCCEEDED' ? (
        model ? (
          <p>
            Imported as <code data-model-id={model.id}>{model.id}</code> ({model.name}).{' '}
            {model.views.length > 0 ? (
              <>
                Open it in:{' '}
                {viewLinks(model.id, model.views).map((link, i) => (
                  <span key={link.view}>
                    {i > 0 ? ', ' : null}
                    <a href={link.href}>{link.label}</a>
                  </span>
                ))}
                .
              </>
            ) : (
              'No view can show its structure yet.'
            )}
          </p>
        ) : (
          <p>Job {state.id.slice(0, 8)} succeeded; reading the model…</p>
        )
      ) : state.status === 'FAILED' || state.status === 'CANCELLED' ? (
        <p className="job-error" role="alert">
          {what} {state.status === 'FAILED' ? 'failed' : 'was cancelled'} (job <code>{state.id.slice(0, 8)}</code>): {state.error}
        </p>
      ) : (
        <p>
          <progress max={1} value={state.progress} aria-label={`progress of ${what}`} /> {what}: {statusWords(state)}
        </p>
      )}
      {lost ? <p className="caption">Live progress stopped ({lost}); the jobs page shows how it ends.</p> : null}
    </div>
  );
}

const statusWords = (state: JobState): string =>
  state.status === 'QUEUED' ? `queued (job ${state.id.slice(0, 8)})` : `${Math.round(state.progress * 100)}% (job ${state.id.slice(0, 8)})`;
