import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sniffModelFolder, unsupportedFormatMessage } from '@branchscope/core';
import type { ModelFormat } from './import-model';

/** What an import reads, identified by content. */
export interface SourceDigest {
  /** Absolute path of the `.onnx` or `.pb` file or the TF.js folder. */
  path: string;
  fileName: string;
  bytes: number;
  /** SHA-256 (hex) of the file, or of model.json and its shards in manifest order. */
  sha256: string;
}

/** The file or folder to import is missing, of the wrong kind or unreadable; the message names it. */
export class ModelSourceError extends Error {
  override readonly name = 'ModelSourceError';
}

const reason = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

async function statOf(file: string, what: string): Promise<import('node:fs').Stats> {
  try {
    return await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ModelSourceError(code === 'ENOENT' ? `no ${what} at '${file}'` : `cannot read ${what} '${file}': ${reason(error)}`);
  }
}

/**
 * The refusal for a folder that is not what the import expects, naming what it is when its file names say
 * (a SavedModel: how to convert it; a TF.js folder given as ONNX: import it as TFJS), else `fallback`.
 */
async function folderRefusal(dir: string, fallback: string): Promise<ModelSourceError> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const { format, evidence } = sniffModelFolder(names);
  if (format === 'tf-saved-model') return new ModelSourceError(unsupportedFormatMessage(format, dir, evidence));
  if (format === 'tfjs') return new ModelSourceError(`'${dir}' is a TF.js model folder (model.json); import it with format TFJS`);
  return new ModelSourceError(fallback);
}

async function hashInto(hash: Hash, file: string, what: string): Promise<number> {
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    throw new ModelSourceError(`cannot read ${what} '${file}': ${reason(error)}`);
  }
  return bytes;
}

/** The shard paths model.json lists, or none when it is not a manifest (the importer will say why). */
function shardPaths(text: string): string[] {
  try {
    const manifest = (JSON.parse(text) as { weightsManifest?: unknown }).weightsManifest;
    if (!Array.isArray(manifest)) return [];
    return manifest.flatMap((group: { paths?: unknown }) => (Array.isArray(group?.paths) ? group.paths.filter((p): p is string => typeof p === 'string') : []));
  } catch {
    return [];
  }
}

async function tfjsDigest(target: string): Promise<SourceDigest> {
  const info = await statOf(target, 'TF.js model folder');
  // A path to model.json itself names its folder.
  const dir = info.isFile() && path.basename(target) === 'model.json' ? path.dirname(target) : target;
  if (dir === target && !info.isDirectory()) throw new ModelSourceError(`'${target}' is a file; a TF.js import reads a folder holding model.json and its weight shards`);
  const modelJson = path.join(dir, 'model.json');
  let text: Buffer;
  try {
    text = await readFile(modelJson);
  } catch (error) {
    throw await folderRefusal(dir, `cannot read '${modelJson}' (a TF.js folder needs one): ${reason(error)}`);
  }
  const hash = createHash('sha256').update(`model.json\0${text.length}\0`).update(text);
  let bytes = text.length;
  for (const shard of shardPaths(text.toString('utf8'))) {
    const file = path.join(dir, shard);
    const size = await stat(file).then((s) => (s.isFile() ? s.size : -1), () => -1);
    // A missing shard changes the digest without failing here: the import job fails naming it.
    hash.update(`${shard}\0${size}\0`);
    if (size >= 0) bytes += await hashInto(hash, file, 'weight shard');
  }
  return { path: dir, fileName: path.basename(dir), bytes, sha256: hash.digest('hex') };
}

/**
 * Hashes what an import of `format` would read at `target` (resolved against the working directory), streaming
 * so a large file is never held in memory. ONNX and GraphDef: one file. TF.js: model.json and every shard its manifest lists,
 * each prefixed by its name and size, so renaming or changing any of them changes the digest.
 * @throws ModelSourceError naming the path when it does not exist, is of the wrong kind or cannot be read.
 */
export async function digestModelSource(format: ModelFormat, target: string): Promise<SourceDigest> {
  const absolute = path.resolve(target);
  if (format === 'tfjs') return tfjsDigest(absolute);
  const [what, reads] = format === 'graphdef' ? ['GraphDef file', 'a GraphDef import reads one frozen TensorFlow .pb file'] : ['ONNX file', 'an ONNX import reads one .onnx file'];
  const info = await statOf(absolute, what);
  if (!info.isFile()) throw await folderRefusal(absolute, `'${absolute}' is not a file; ${reads}`);
  const hash = createHash('sha256');
  const bytes = await hashInto(hash, absolute, what);
  return { path: absolute, fileName: path.basename(absolute), bytes, sha256: hash.digest('hex') };
}
