import { downloadedBytes, FETCH_DOWNLOAD_SHARE, FETCH_MODEL_JOB, FETCH_VERIFIED_PROGRESS, type FetchModelInput } from '@branchscope/jobs';
import type { JobView } from './jobs';
import type { DownloadProgress } from '../generated/resolver-types';

/** The schema's `DownloadProgress`. */
export type DownloadView = DownloadProgress;

/**
 * Where a `fetch-model` job's download stands, read from its progress (the download is the first
 * FETCH_DOWNLOAD_SHARE of it, in proportion to the bytes) and its input; null for other jobs.
 */
export function jobDownload(job: JobView): DownloadView | null {
  if (job.kind !== FETCH_MODEL_JOB) return null;
  const input = job.input as FetchModelInput;
  const fraction = job.status === 'SUCCEEDED' ? 1 : Math.min(1, job.progress / FETCH_DOWNLOAD_SHARE);
  const total = input.bytes;
  return {
    url: input.url,
    fraction,
    bytes: total === null ? null : job.status === 'SUCCEEDED' ? total : downloadedBytes(job.progress, total),
    totalBytes: total,
    done: job.status === 'SUCCEEDED' || job.progress >= FETCH_VERIFIED_PROGRESS,
  };
}
