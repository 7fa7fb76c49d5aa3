/** Types of progress-line.mjs, for the tests that import it. */
export interface DownloadState {
  fraction: number;
  bytes: number | null;
  totalBytes: number | null;
  done?: boolean;
}
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}
export function describeDownload(download: DownloadState): string;
export function progressBar(download: DownloadState, width?: number): string;
export function createProgressReporter(label: string, stream?: ProgressStream): { update(download: DownloadState): void; line(text: string): void };
