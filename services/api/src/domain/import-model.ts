import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileNameFor, sniffModelBytes } from '@branchscope/core';
import {
  digestModelSource,
  importedModelId,
  importFormatMismatch,
  importModelInput,
  IMPORT_LIMITS,
  IMPORT_MODEL_JOB,
  MODEL_FORMATS,
  ModelSourceError,
  type ImportModelInput,
  type ModelFormat,
  type SourceDigest,
} from '@branchscope/jobs';
import { findImportedModel, getJob } from '@branchscope/store';
import type { ApiDeps } from './api-deps';
import { badInput } from './api-error';
import { jobView, type JobView } from './jobs';
import { decodeUpload, stageUpload } from './staged-upload';

export interface ImportModelArgs {
  input: {
    name: string;
    /** `onnx`, `tfjs` or `graphdef`: the schema's ModelFormat enum maps ONNX, TFJS and GRAPHDEF onto these. */
    format: string;
    path?: string | null;
    base64?: string | null;
    inputRange?: number[] | null;
  };
}

interface CheckedRequest {
  name: string;
  format: ModelFormat;
  inputRange: [number, number] | null;
}

function checkRequest(input: ImportModelArgs['input']): CheckedRequest {
  const name = input.name.trim();
  if (name.length === 0) throw badInput('name must not be blank');
  if (name.length > IMPORT_LIMITS.maxNameLength) throw badInput(`name is ${name.length} characters, over the limit of ${IMPORT_LIMITS.maxNameLength}`);
  if (!MODEL_FORMATS.includes(input.format as ModelFormat)) throw badInput(`format '${input.format}' is not supported; use one of ${MODEL_FORMATS.join(', ')}`);
  const hasPath = input.path != null;
  const hasUpload = input.base64 != null;
  if (hasPath === hasUpload) {
    throw badInput(hasPath ? 'give either path or base64, not both' : 'give the file to import: path (a file or folder on the server) or base64 (the file itself)');
  }
  if (hasPath && input.path!.trim() === '') throw badInput('path must not be blank');
  if (hasUpload && input.format === 'tfjs') throw badInput('a TF.js model is a folder (model.json and weight shards); import it by path, not as base64');
  let inputRange: [number, number] | null = null;
  if (input.inputRange != null) {
    const [low, high] = input.inputRange;
    if (input.inputRange.length !== 2 || !Number.isFinite(low) || !Number.isFinite(high) || !(low! < high!)) {
      throw badInput(`inputRange must be two finite numbers [low, high] with low < high, got [${input.inputRange.join(', ')}]`);
    }
    inputRange = [low!, high!];
  }
  return { name, format: input.format as ModelFormat, inputRange };
}

/** The job that stored the model already imported under this key, if any. */
async function importedJob(deps: ApiDeps, importKey: string): Promise<JobView | undefined> {
  const found = await findImportedModel(deps.store, importKey);
  const job = found?.source.jobId ? await getJob(deps.store, found.source.jobId) : undefined;
  return job && jobView(job);
}

async function digestPath(format: ModelFormat, target: string): Promise<SourceDigest> {
  try {
    return await digestModelSource(format, target);
  } catch (error) {
    if (error instanceof ModelSourceError) throw badInput(error.message, error);
    throw error;
  }
}

/**
 * Starts importing an ONNX file, a TensorFlow GraphDef (.pb) or a TF.js folder (by path on the server), or an ONNX
 * or GraphDef file sent as base64, and
 * returns its `import-model` job; the model exists once the job has SUCCEEDED. The same bytes with the same
 * options are imported once: asking again returns the job that imported them, and no new job. BAD_USER_INPUT,
 * naming the problem, for a blank name, both or neither of path and base64, a missing or unreadable path, a
 * folder where a file is expected (or the reverse), an upload over the limit or not base64, a bad inputRange, an
 * upload or folder in a format recognised but not importable (PyTorch, Keras, SavedModel, ...: the message says how
 * to convert it). A file by path is sniffed by the worker, whose job then fails with that message.
 */
export async function importModel(deps: ApiDeps, args: ImportModelArgs): Promise<JobView> {
  const request = checkRequest(args.input);
  let input: ImportModelInput;
  if (args.input.base64 != null) {
    const stem = importedModelId(request.name, '').replace(/-$/, '');
    const extension = request.format === 'graphdef' ? '.pb' : '.onnx';
    const fileName = `${stem}${extension}`;
    const bytes = decodeUpload(args.input.base64, deps.maxUploadBytes, fileName);
    const sniffed = sniffModelBytes(bytes);
    const mismatch = importFormatMismatch(request.format, sniffed, fileNameFor(sniffed.format, stem));
    if (mismatch) throw badInput(`base64 upload: ${mismatch}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    input = importModelInput(request, { path: '', fileName, bytes: bytes.length, sha256 }, true);
    const done = await importedJob(deps, input.importKey);
    if (done) return done;
    input.path = path.join(deps.uploadDir, `${input.importKey}${extension}`);
    await stageUpload(input.path, bytes);
  } else {
    input = importModelInput(request, await digestPath(request.format, args.input.path!));
    const done = await importedJob(deps, input.importKey);
    if (done) return done;
  }
  return jobView(await deps.queue.enqueue(IMPORT_MODEL_JOB, input, { dedupeKey: input.importKey }));
}
