import { rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FetchModelInput } from '@branchscope/jobs';
import { downloadToPart } from './download-to-part';
import { DownloadError } from './download-error';
import { downloadDispatcher, proxyFor, readProxySettings, type ProxySettings } from './proxy-settings';
import { verifyDownload } from './verify-download';

export interface FetchDownloadOptions {
  downloadDir: string;
  /** The proxy variables; read from the environment by default. */
  proxy?: ProxySettings;
  onProgress?: (bytes: number, total: number | null) => Promise<void> | void;
  resumeDelayMs?: number;
}

export interface FetchedFile {
  /** The verified file in the download folder. */
  file: string;
  bytes: number;
  sha256: string;
  /** True when a verified file from an earlier fetch was used as it was. */
  reused: boolean;
  /** Bytes a part file already held when this fetch began. */
  resumedFrom: number;
  rangeRequests: number;
}

const exists = (file: string): Promise<boolean> => stat(file).then(() => true, () => false);

/**
 * Brings the catalogue file into `downloadDir`: a file left there by an earlier fetch is checked and used;
 * otherwise it is downloaded into `<file>.part` (resuming one left by an interrupted fetch), its size and SHA-256
 * checked, and only then renamed to its name. A file that fails the check is deleted.
 * @throws DownloadError naming the URL (network, status, size or checksum).
 */
export async function fetchDownload(input: FetchModelInput, options: FetchDownloadOptions): Promise<FetchedFile> {
  if (path.basename(input.fileName) !== input.fileName || input.fileName.startsWith('.')) {
    throw new DownloadError(input.url, `catalogue file name '${input.fileName}' is not a plain file name`);
  }
  const file = path.join(options.downloadDir, input.fileName);
  const expected = { url: input.url, sha256: input.sha256, bytes: input.bytes };
  if (await exists(file)) {
    const kept = await verifyDownload(file, expected).catch(() => undefined);
    if (kept) {
      await options.onProgress?.(kept.bytes, kept.bytes);
      return { file, ...kept, reused: true, resumedFrom: 0, rangeRequests: 0 };
    }
  }
  const settings = options.proxy ?? readProxySettings();
  const dispatcher = downloadDispatcher(settings);
  try {
    const partFile = `${file}.part`;
    const result = await downloadToPart({
      url: input.url,
      partFile,
      expectedBytes: input.bytes,
      dispatcher,
      proxy: proxyFor(new URL(input.url), settings),
      onProgress: options.onProgress,
      resumeDelayMs: options.resumeDelayMs,
    });
    const verified = await verifyDownload(partFile, expected);
    await rename(partFile, file);
    return { file, ...verified, reused: false, resumedFrom: result.resumedFrom, rangeRequests: result.rangeRequests };
  } finally {
    await dispatcher.close();
  }
}
