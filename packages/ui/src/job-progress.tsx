import { ErrorPanel } from './error-panel';

/** A job as the `jobProgress` subscription reports it (the client's `JobState` fits). */
export interface JobProgressState {
  id: string;
  kind?: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  /** The share done, in [0, 1]. */
  progress: number;
  error?: string | null;
}

export interface JobProgressProps {
  job: JobProgressState;
  /** What the job computes: `the conv2 feature images`. */
  what: string;
  /** Why live progress stopped before the job ended, when it did. */
  lost?: string | null;
  /** What to try once the job FAILED or was CANCELLED (default: reload the page to start it again). */
  endedHint?: string;
  /** What to do once live progress stopped (default: reload the page to see the result). */
  lostHint?: string;
  /** An ended job as one `.bs-error-message` line (in a table or form) instead of an `ErrorPanel`. */
  inline?: boolean;
  /** Classes added to the box, for an app's layout. */
  className?: string;
}

/** The job's first 8 characters, as every progress line names it. */
const shortId = (job: JobProgressState): string => job.id.slice(0, 8);

/** What a queued, running or succeeded job is doing, as one phrase. */
export function jobProgressWords(job: JobProgressState, what: string): string {
  if (job.status === 'QUEUED') return `is queued to compute ${what}`;
  if (job.status === 'SUCCEEDED') return `has computed ${what}; loading…`;
  return `computing ${what}: ${Math.round(job.progress * 100)}%`;
}

/**
 * The one way every page draws a job it waits for: a `role="status"` box (`.bs-job-progress`, also `.render-progress`
 * and `.job-wait`, with `data-job-id`, `data-job-kind`, `data-job-status` and `data-job-progress` for tests) with a
 * progress bar and a status line; a FAILED or CANCELLED job as an `ErrorPanel` (or, `inline`, a `.bs-error-message`
 * line) with the job's error and code `JOB_FAILED` / `JOB_CANCELLED`. It draws the state it is given: following the job
 * live is `useFollowedJob`'s.
 */
export function JobProgress({ job, what, lost, endedHint, lostHint, inline = false, className }: JobProgressProps) {
  const ended = job.status === 'FAILED' || job.status === 'CANCELLED';
  const verb = job.status === 'FAILED' ? 'failed' : 'was cancelled';
  const message = job.error ?? (job.status === 'CANCELLED' ? 'cancelled' : 'no error was recorded');
  const hint = endedHint ?? 'Reload the page to start it again.';
  return (
    <div
      className={['bs-job-progress', 'render-progress', 'job-wait', className].filter(Boolean).join(' ')}
      role="status"
      data-job-id={job.id}
      data-job-kind={job.kind}
      data-job-status={job.status}
      data-job-progress={job.progress}
    >
      {ended ? (
        inline ? (
          <p className="bs-error-message" role="alert" data-error-code={`JOB_${job.status}`}>
            {what} {verb} (job {shortId(job)}): {message}
          </p>
        ) : (
          <ErrorPanel title={what} message={message} code={`JOB_${job.status}`} hint={`Job ${shortId(job)} ${verb}. ${hint}`} />
        )
      ) : (
        <p>
          <progress max={1} value={job.progress} aria-label={`progress of ${what}`} /> Job <code>{shortId(job)}</code> {jobProgressWords(job, what)}
        </p>
      )}
      {lost ? (
        <p className="caption">
          Live progress stopped ({lost}); {lostHint ?? 'reload the page to see the result.'}
        </p>
      ) : null}
    </div>
  );
}
