'use client';

import { JobProgress } from '@branchscope/ui';
import { viewLinks } from '../lib/view-links';
import type { FollowedJob } from './use-followed-job';

/** An import or fetch job's live line: ui's `JobProgress` while it runs, the model with links to its views once imported. */
export function JobOutcome({ job, what }: { job: FollowedJob; what: string }) {
  const { state, finished, lost } = job;
  if (!state) return null;
  if (state.status !== 'SUCCEEDED') {
    return <JobProgress job={state} what={what} lost={lost} inline className="job-outcome" lostHint="the jobs page shows how it ends." />;
  }
  const model = finished?.model ?? null;
  return (
    <div className="job-outcome" role="status" data-job-id={state.id} data-job-status={state.status}>
      {model ? (
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
      )}
      {lost ? <p className="caption">Live progress stopped ({lost}); the jobs page shows how it ends.</p> : null}
    </div>
  );
}
