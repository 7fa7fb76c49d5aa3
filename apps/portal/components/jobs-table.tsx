'use client';

import { CancelJobMutation, describeQueryError, followJob, jobHasEnded, mutate } from '@branchscope/client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { browserClient, browserGraphqlUrl } from '../lib/browser-client';
import { isActive, withState, type JobRow } from '../lib/job-rows';

/**
 * The jobs, each row live while it is queued or running (one `jobProgress` subscription per active job), with a
 * cancel button (`cancelJob`). When a followed job ends the list is read again, so jobs started meanwhile appear.
 */
export function JobsTable({ initial }: { initial: JobRow[] }) {
  const router = useRouter();
  const [rows, setRows] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setRows(initial), [initial]);

  const activeIds = rows.filter(isActive).map((row) => row.id).join(',');
  useEffect(() => {
    if (!activeIds) return;
    const url = browserGraphqlUrl();
    const stops = activeIds.split(',').map((jobId) =>
      followJob({
        url,
        jobId,
        onState: (state) => {
          setRows((current) => current.map((row) => (row.id === state.id ? withState(row, state) : row)));
          if (jobHasEnded(state)) router.refresh();
        },
      }),
    );
    return () => stops.forEach((stop) => stop());
  }, [activeIds, router]);

  const cancel = async (id: string) => {
    setProblem(null);
    try {
      const { cancelJob } = await mutate(browserClient(), CancelJobMutation, { id });
      setRows((current) => current.map((row) => (row.id === id ? withState(row, cancelJob) : row)));
    } catch (error) {
      const { message } = describeQueryError(error);
      setProblem(`Cancelling job ${id.slice(0, 8)} failed: ${message}`);
    }
  };

  return (
    <>
      <p>
        <button type="button" onClick={() => router.refresh()}>
          Refresh the list
        </button>
      </p>
      {problem ? (
        <p className="bs-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="caption">No jobs yet: open a view, and the results it needs are computed as jobs.</p>
      ) : (
        <table className="jobs">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Model</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Started</th>
              <th scope="col">
                <span className="visually-hidden">Cancel</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-job-id={row.id} data-job-status={row.status} data-job-kind={row.kind} data-job-progress={row.progress}>
                <td>
                  <code>{row.kind}</code>
                  <div className="job-detail">
                    <code title={row.id}>{row.id.slice(0, 8)}</code>
                    {row.detail ? ` · ${row.detail}` : null}
                  </div>
                </td>
                <td>{row.model ? <code>{row.model}</code> : '–'}</td>
                <td>
                  <span className={`job-status job-status-${row.status.toLowerCase()}`}>{row.status}</span>
                  {row.error ? <div className="bs-error-message job-row-error">{row.error}</div> : null}
                </td>
                <td>
                  <progress max={1} value={row.progress} aria-label={`progress of job ${row.id.slice(0, 8)}`} /> {Math.round(row.progress * 100)}%
                </td>
                <td>
                  <time dateTime={row.createdAt}>{row.createdAt.replace('T', ' ').slice(0, 19)}</time>
                  {row.worker ? <div className="job-detail">{row.worker}</div> : null}
                </td>
                <td>
                  {isActive(row) ? (
                    <button type="button" onClick={() => void cancel(row.id)} aria-label={`Cancel job ${row.id.slice(0, 8)} (${row.kind})`}>
                      Cancel
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
