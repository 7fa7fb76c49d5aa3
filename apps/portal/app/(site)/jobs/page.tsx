import { JobsQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query } from '@branchscope/client';
import type { Job } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import type { Metadata } from 'next';
import { JobsTable } from '../../../components/jobs-table';
import { jobRow } from '../../../lib/job-rows';
import './jobs.css';

// Jobs change all the time: render on every request.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Jobs · branchscope' };

/** How many of the newest jobs the page lists. */
const SHOWN = 200;

/** Every job, newest first: live progress of the running ones (the `jobProgress` subscription) and a cancel button. */
export default async function JobsPage() {
  let jobs: Job[];
  try {
    ({ jobs } = await query(createBranchscopeClient(apiUrlFromEnv()), JobsQuery, {}));
  } catch (error) {
    return (
      <>
        <h1>Jobs</h1>
        <ErrorPanel title="the jobs" {...describeQueryError(error)} />
      </>
    );
  }
  return (
    <>
      <h1>Jobs</h1>
      <p className="caption">
        Every result a worker computes (SVD factors, feature images, clusterability, imports, …) is a job. Queued and
        running jobs update live; cancelling one stops its work. {jobs.length > SHOWN ? `The newest ${SHOWN} of ${jobs.length} jobs.` : null}
      </p>
      <JobsTable initial={jobs.slice(0, SHOWN).map(jobRow)} />
    </>
  );
}
