import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { DownloadError } from './download-error';

/** The size and SHA-256 (hex) of a file, read as a stream. */
export async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Checks a finished download against the size and SHA-256 the catalogue gives (either may be null: not checked).
 * A file that does not match is deleted, so the next fetch starts over.
 * @throws DownloadError naming the URL, the expected and the actual size or digest.
 */
export async function verifyDownload(file: string, expected: { url: string; sha256: string | null; bytes: number | null }): Promise<{ bytes: number; sha256: string }> {
  const actual = await fileDigest(file);
  if (expected.bytes !== null && actual.bytes !== expected.bytes) {
    await rm(file, { force: true });
    throw new DownloadError(expected.url, `download of ${expected.url} is ${actual.bytes} bytes, expected ${expected.bytes}; the file was deleted, fetch it again`);
  }
  if (expected.sha256 !== null && actual.sha256 !== expected.sha256.toLowerCase()) {
    await rm(file, { force: true });
    throw new DownloadError(expected.url, `checksum mismatch for ${expected.url}: expected sha256 ${expected.sha256}, got ${actual.sha256}; the file was deleted`);
  }
  return actual;
}
