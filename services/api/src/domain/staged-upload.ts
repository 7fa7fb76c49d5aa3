import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { badInput } from './api-error';

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

/** Decoded size of a base64 text of this length, before decoding it. */
const decodedLength = (text: string): number => Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);

/**
 * Decodes a base64 upload (`fileName`, the name it will be staged under, for messages), refusing it before
 * decoding when it would exceed `maxBytes` (`BRANCHSCOPE_MAX_UPLOAD_BYTES`), and refusing text that is not plain
 * base64 (Node skips bad characters silently; the decoded length gives them away).
 */
export function decodeUpload(base64: string, maxBytes: number, fileName: string): Buffer {
  const expected = decodedLength(base64);
  if (expected > maxBytes) {
    throw badInput(
      `base64 upload '${fileName}' is ${mib(expected)} decoded, over the upload limit of ${mib(maxBytes)} (BRANCHSCOPE_MAX_UPLOAD_BYTES); ` +
        'import a larger file by path, which has no such limit: the worker streams it',
    );
  }
  if (expected === 0) throw badInput('base64 upload is empty');
  const bytes = Buffer.from(base64, 'base64');
  if (base64.length % 4 !== 0 || bytes.length !== expected) {
    throw badInput('base64 is not valid base64 (standard alphabet A-Z a-z 0-9 + /, padded with =, no line breaks)');
  }
  return bytes;
}

/**
 * Writes uploaded bytes to `file` for the worker to read: written beside it, then renamed, so a reader never sees
 * half a file. The worker deletes the file when the import job ends.
 */
export async function stageUpload(file: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // A name of its own, so two identical uploads at once never write the same partial file.
  const partial = `${file}.${randomUUID()}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, file);
}
