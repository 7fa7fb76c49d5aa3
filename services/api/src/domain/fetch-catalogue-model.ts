import { closeNames } from '@branchscope/core';
import { FETCH_MODEL_JOB, fetchModelDedupeKey } from '@branchscope/jobs';
import { getJob } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { notFound } from './api-error';
import { fetchInput, importedFromEntry } from './catalogue';
import { jobView, type JobView } from './jobs';

/**
 * Starts fetching the catalogue model `id` and returns its `fetch-model` job: the worker downloads the file
 * (resuming a partial download), checks its size and SHA-256, and imports it; progress is the download's bytes
 * over its size (see `Job.download`), then the import. An entry already imported returns the job that imported it,
 * and a fetch already running for it is returned rather than started twice. NOT_FOUND for an unknown id, naming the
 * closest ids.
 */
export async function fetchCatalogueModel(deps: ApiDeps, { id }: { id: string }): Promise<JobView> {
  const entry = deps.catalogue.find((e) => e.id === id);
  if (!entry) {
    const ids = deps.catalogue.map((e) => e.id);
    throw notFound(`no catalogue entry '${id}'; closest: ${closeNames(id, ids).join(', ') || 'none'} (the catalogue lists ${ids.length})`);
  }
  const imported = await importedFromEntry(deps, entry);
  const importJob = imported?.jobId ? await getJob(deps.store, imported.jobId) : undefined;
  if (importJob) return jobView(importJob);
  const input = fetchInput(entry);
  return jobView(await deps.queue.enqueue(FETCH_MODEL_JOB, input, { dedupeKey: fetchModelDedupeKey(input) }));
}
