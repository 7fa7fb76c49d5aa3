import { CatalogueQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query } from '@branchscope/client';
import type { CatalogueEntry } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import type { Metadata } from 'next';
import { CatalogueTable } from '../../../components/catalogue-table';
import { UploadForm } from '../../../components/upload-form';
import '../jobs/jobs.css';
import './import.css';

// The catalogue says what is imported already: render on every request.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Import a model · branchscope' };

/** Import a model: upload a file (or name one on the server), or fetch one from the pretrained-model catalogue. */
export default async function ImportPage() {
  let entries: CatalogueEntry[] | null = null;
  let problem: unknown = null;
  try {
    ({ catalogue: entries } = await query(createBranchscopeClient(apiUrlFromEnv()), CatalogueQuery, {}));
  } catch (error) {
    problem = error;
  }
  return (
    <>
      <h1>Import a model</h1>
      <p className="caption">
        An import reads the file on a worker, stores the model&apos;s graph and weights, and finds its branches; then
        the views its structure allows can show it. Every import is a job: follow it here or on the{' '}
        <a href="/jobs">jobs page</a>, where it can be cancelled.
      </p>
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload a file</h2>
        <UploadForm />
      </section>
      <section aria-labelledby="catalogue-heading">
        <h2 id="catalogue-heading">Or fetch a pretrained model</h2>
        <p className="caption">The server downloads the file, checks its size and SHA-256, and imports it with the input range it was trained with.</p>
        {entries ? <CatalogueTable entries={entries} /> : <ErrorPanel title="the pretrained-model catalogue" {...describeQueryError(problem)} />}
      </section>
    </>
  );
}
