import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, mkdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobRecord } from '@branchscope/store';
import { IMPORT_MODEL_JOB, type ImportModelInput } from '../kinds/import-model';
import type { BlobStore } from './blob-store';

/** Files a job reads from the disk of the machine that queued it, sent along through Redis in parts (`putFile`). */
export interface ShippedFiles {
  /** `file`: the input's path is the one file; `folder`: it is the folder holding all of them. */
  target: 'file' | 'folder';
  files: { path: string; blob: string }[];
}

/** The shard paths a TF.js model.json lists; the importer reports a manifest it cannot read. */
function shardPaths(text: string): string[] {
  try {
    const manifest = (JSON.parse(text) as { weightsManifest?: { paths?: unknown }[] }).weightsManifest;
    return Array.isArray(manifest) ? manifest.flatMap((group) => (Array.isArray(group?.paths) ? group.paths.filter((p): p is string => typeof p === 'string') : [])) : [];
  } catch {
    return [];
  }
}

/**
 * The files an `import-model` job reads (its `.onnx` or `.pb` file, or a TF.js folder's model.json and listed shards), as
 * files in Redis, streamed in parts of 64 MiB (so a 553 MB VGG-16 travels too), so the worker needs no shared
 * disk. Other kinds read no files. A shard that cannot be read is left out:
 * the import then fails naming it, as it would locally.
 */
export async function packJobFiles(job: JobRecord, blobs: BlobStore): Promise<ShippedFiles | undefined> {
  if (job.kind !== IMPORT_MODEL_JOB) return undefined;
  const input = job.input as ImportModelInput;
  if (input.format !== 'tfjs') {
    return { target: 'file', files: [{ path: path.basename(input.path), blob: await blobs.putFile(input.path) }] };
  }
  const modelJson = await readFile(path.join(input.path, 'model.json'));
  const files = [{ path: 'model.json', blob: await blobs.putFile(path.join(input.path, 'model.json')) }];
  for (const shard of shardPaths(modelJson.toString('utf8'))) {
    const blob = await blobs.putFile(path.join(input.path, shard)).catch(() => undefined);
    if (blob) files.push({ path: shard, blob });
  }
  return { target: 'folder', files };
}

/**
 * Writes shipped files into a fresh temp folder and returns the input pointing at them, with a cleanup that
 * removes the folder. Refuses a file path that would land outside the folder.
 */
export async function unpackJobFiles<I>(input: I, shipped: ShippedFiles, blobs: BlobStore): Promise<{ input: I; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'branchscope-job-files-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    for (const file of shipped.files) {
      const target = path.resolve(dir, file.path);
      if (!target.startsWith(dir + path.sep)) throw new Error(`a shipped file path leaves its folder: '${file.path}'`);
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(Readable.from(blobs.readFile(file.blob)), createWriteStream(target));
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  const local = shipped.target === 'file' ? path.join(dir, shipped.files[0]!.path) : dir;
  return { input: { ...input, path: local }, cleanup };
}

/** Once an import of an uploaded file ends, the upload staged beside the API's database is no longer needed. */
export async function removeStagedUpload(job: JobRecord): Promise<void> {
  const input = job.input as Partial<ImportModelInput>;
  if (job.kind === IMPORT_MODEL_JOB && input.upload === true && typeof input.path === 'string') await rm(input.path, { force: true });
}
