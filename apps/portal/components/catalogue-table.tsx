'use client';

import { FetchCatalogueModelMutation, describeQueryError, mutate } from '@branchscope/client';
import type { CatalogueEntry, JobState } from '@branchscope/client';
import { useState } from 'react';
import { browserClient } from '../lib/browser-client';
import { viewLinks } from '../lib/view-links';
import { JobOutcome } from './job-outcome';
import { useFollowedJob } from './use-followed-job';

const MB = 1e6;

/** The pretrained-model catalogue, one row per entry: fetch and import it (live progress), or open it once imported. */
export function CatalogueTable({ entries }: { entries: CatalogueEntry[] }) {
  return (
    <table className="catalogue">
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">File</th>
          <th scope="col">Source and licence</th>
          <th scope="col">Import</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <CatalogueRow key={entry.id} entry={entry} />
        ))}
      </tbody>
    </table>
  );
}

function CatalogueRow({ entry }: { entry: CatalogueEntry }) {
  const [job, setJob] = useState<JobState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const followed = useFollowedJob(job?.id ?? null, job);

  const fetchIt = async () => {
    setProblem(null);
    try {
      const { fetchCatalogueModel } = await mutate(browserClient(), FetchCatalogueModelMutation, { id: entry.id });
      setJob(fetchCatalogueModel);
    } catch (error) {
      setProblem(describeQueryError(error).message);
    }
  };

  return (
    <tr data-catalogue-id={entry.id}>
      <td>
        {entry.name}
        <div className="job-detail">
          <code>{entry.id}</code> · {entry.format}
        </div>
      </td>
      <td>
        <code>{entry.fileName}</code>
        <div className="job-detail">{entry.bytes === null ? 'size not published' : `${(entry.bytes / MB).toFixed(1)} MB`}</div>
      </td>
      <td>
        {entry.source}
        <div className="job-detail">{entry.licence}</div>
      </td>
      <td>
        {entry.imported && entry.model ? (
          <span>
            Imported as <code>{entry.model.id}</code>
            {viewLinks(entry.model.id, entry.model.views).map((link) => (
              <span key={link.view}>
                {' · '}
                <a href={link.href}>{link.label}</a>
              </span>
            ))}
          </span>
        ) : job ? (
          <JobOutcome job={followed} what={`the import of ${entry.id}`} />
        ) : (
          <button type="button" onClick={() => void fetchIt()} aria-label={`Fetch and import ${entry.id}`}>
            Fetch and import
          </button>
        )}
        {problem ? (
          <p className="bs-error-message" role="alert">
            {problem}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
