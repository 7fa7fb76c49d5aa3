import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetch, type Dispatcher } from 'undici';
import { DownloadError, downloadFailure } from './download-error';

export interface DownloadOptions {
  url: string;
  /** Where the bytes go; a file already there is resumed with an HTTP Range request. */
  partFile: string;
  /** The file's size when known; a part file already that long is taken as complete. */
  expectedBytes: number | null;
  dispatcher: Dispatcher;
  /** The proxy in use, for messages. */
  proxy?: string;
  /** Called as bytes arrive, with the total when known (the expected size, else the server's). */
  onProgress?: (bytes: number, total: number | null) => Promise<void> | void;
  /** Interrupted bodies resumed in one call before giving up; 5 by default. */
  maxResumes?: number;
  /** Wait before resuming, doubled each time; 500 ms by default. */
  resumeDelayMs?: number;
}

export interface DownloadResult {
  /** Size of the part file at the end. */
  bytes: number;
  /** Bytes already in the part file when this call began (0 for a fresh download). */
  resumedFrom: number;
  /** Range requests made (one per resume). */
  rangeRequests: number;
}

const sizeOf = (file: string): Promise<number> => stat(file).then((s) => s.size, () => 0);

/** The first byte a 206 answer starts at, from `Content-Range: bytes START-END/TOTAL`, and its total. */
function contentRange(header: string | null): { start: number; total: number | null } | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header?.trim() ?? '');
  return match ? { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) } : undefined;
}

/**
 * Downloads `url` into `partFile`, following redirects, resuming what is already there with `Range: bytes=N-`
 * (and starting over when the server ignores the range). A body cut off mid-way is resumed the same way, up to
 * `maxResumes` times, as long as each try brings new bytes. Does not check the content: see `verifyDownload`.
 * @throws DownloadError naming the URL: a network failure (refused, DNS, timeout, through the proxy when there is
 * one), or a status other than 2xx (and 416 for a part file no longer valid, after starting over once).
 */
export async function downloadToPart(options: DownloadOptions): Promise<DownloadResult> {
  const { url, partFile, expectedBytes } = options;
  await mkdir(path.dirname(partFile), { recursive: true });
  let have = await sizeOf(partFile);
  if (expectedBytes !== null && have > expectedBytes) {
    await rm(partFile, { force: true });
    have = 0;
  }
  const resumedFrom = have;
  let rangeRequests = 0;
  let resumes = 0;
  let restartedAfter416 = false;
  for (;;) {
    if (expectedBytes !== null && have === expectedBytes) return { bytes: have, resumedFrom, rangeRequests };
    const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
    if (have > 0) rangeRequests++;
    let response;
    try {
      response = await fetch(url, { dispatcher: options.dispatcher, headers, redirect: 'follow' });
    } catch (error) {
      throw downloadFailure(url, error, options.proxy);
    }
    if (response.status === 416 && have > 0 && !restartedAfter416) {
      // The part file does not fit the file on the server any more (it changed, or the part is corrupt).
      await response.body?.cancel();
      await rm(partFile, { force: true });
      have = 0;
      restartedAfter416 = true;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const from = response.url && response.url !== url ? ` (redirected to ${response.url})` : '';
      throw new DownloadError(url, `cannot download ${url}${from}: HTTP ${response.status} ${response.statusText}`.trimEnd());
    }
    const range = response.status === 206 ? contentRange(response.headers.get('content-range')) : undefined;
    if (have > 0 && range?.start !== have) {
      // The server sent the whole file (200), or another range than asked: start over from its first byte.
      if (range) {
        await response.body?.cancel();
        await rm(partFile, { force: true });
        have = 0;
        continue;
      }
      have = 0;
    }
    const length = Number(response.headers.get('content-length') ?? NaN);
    const total = expectedBytes ?? range?.total ?? (Number.isFinite(length) ? have + length : null);
    const file = await open(partFile, have > 0 ? 'a' : 'w');
    const before = have;
    try {
      await options.onProgress?.(have, total);
      for await (const chunk of response.body ?? []) {
        await file.write(chunk as Uint8Array);
        have += (chunk as Uint8Array).byteLength;
        await options.onProgress?.(have, total);
      }
    } catch (error) {
      if (error instanceof DownloadError || have === before || resumes >= (options.maxResumes ?? 5)) {
        throw error instanceof DownloadError ? error : downloadFailure(url, error, options.proxy);
      }
      resumes++;
      await sleep((options.resumeDelayMs ?? 500) * 2 ** (resumes - 1));
      continue;
    } finally {
      await file.close();
    }
    return { bytes: have, resumedFrom, rangeRequests };
  }
}
