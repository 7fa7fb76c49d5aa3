import { contentKey } from '@branchscope/store';

/**
 * The `fetch-model` job: download a catalogue model to the worker's download folder (resuming a partial download
 * with an HTTP Range request, through the proxy the environment names), check its size and SHA-256, then import it
 * exactly as `import-model` would, storing the model under the same import key. The job carries the catalogue entry
 * it fetches, so a worker on another machine needs nothing else.
 */
export const FETCH_MODEL_JOB = 'fetch-model';

/** File formats of catalogue downloads: what the file is, whether or not branchscope imports it yet. */
export type DownloadFormat = 'onnx' | 'graphdef';
export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ['onnx', 'graphdef'];

export interface FetchModelInput {
  /** The catalogue entry's id, `bvlcalexnet-8`. */
  entryId: string;
  /** The imported model's name. */
  name: string;
  url: string;
  /** Name of the file in the download folder. */
  fileName: string;
  /** The SHA-256 (hex) the download must have; null when the catalogue publishes none (then it is only reported). */
  sha256: string | null;
  /** The download's size in bytes; null when the catalogue does not know it (the server's Content-Length is used). */
  bytes: number | null;
  format: DownloadFormat;
  inputRange: [number, number];
}

/**
 * The share of a fetch job's progress that the download takes; verifying and importing take the rest. Progress
 * while downloading is `FETCH_DOWNLOAD_SHARE * bytes / total`, so bytes can be read back from it.
 */
export const FETCH_DOWNLOAD_SHARE = 0.9;

/** A fetch job's progress once its file is downloaded and verified (a full download alone stops just short of it). */
export const FETCH_VERIFIED_PROGRESS = 0.91;

/** The job progress for `bytes` of `total` downloaded. */
export const downloadProgress = (bytes: number, total: number): number => (total > 0 ? FETCH_DOWNLOAD_SHARE * Math.min(1, bytes / total) : 0);

/** The bytes downloaded, read back from a fetch job's progress and the download's total size. */
export const downloadedBytes = (progress: number, total: number): number => Math.round(Math.min(1, progress / FETCH_DOWNLOAD_SHARE) * total);

/** One fetch job at a time per entry, URL and digest: asking again while it runs returns the running job. */
export const fetchModelDedupeKey = (input: Pick<FetchModelInput, 'entryId' | 'url' | 'sha256' | 'format' | 'inputRange'>): string =>
  contentKey(FETCH_MODEL_JOB, input.entryId, { url: input.url, sha256: input.sha256, format: input.format, inputRange: input.inputRange });
