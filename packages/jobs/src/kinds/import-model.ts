import { contentKey, type ResultKey } from '@branchscope/store';
import type { SourceDigest } from './model-source-digest';

/**
 * The `import-model` job: read an ONNX file, a TF.js folder or a TensorFlow GraphDef on the worker's machine, convert it to a graph and
 * weights, find its branches, and store model, source and weights in one transaction. The API checks the request
 * and hashes the file before it enqueues, so a file already imported is never imported twice.
 */
export const IMPORT_MODEL_JOB = 'import-model';

/** Artifact kind of an imported model's weights blob (`serializeWeights` in `@branchscope/runtime`). */
export const MODEL_WEIGHTS_ARTIFACT = 'model-weights';
export const MODEL_WEIGHTS_MEDIA_TYPE = 'application/vnd.branchscope.weights';

/** An `.onnx` file, a TF.js folder, or a frozen TensorFlow GraphDef (`.pb`, e.g. Lucid's InceptionV1). */
export type ModelFormat = 'onnx' | 'tfjs' | 'graphdef';
export const MODEL_FORMATS: readonly ModelFormat[] = ['onnx', 'tfjs', 'graphdef'];

export const IMPORT_LIMITS = Object.freeze({
  /** Largest file accepted as base64 in the request (decoded size); larger files are imported by path. */
  maxUploadBytes: 256 * 2 ** 20,
  maxNameLength: 200,
});

/** What the importers assume when the request gives no input range. */
export const DEFAULT_IMPORT_INPUT_RANGE: readonly [number, number] = [0, 1];

export interface ImportModelInput {
  /** The id the model will have, derived from the name and the import key. */
  modelId: string;
  name: string;
  format: ModelFormat;
  /** Absolute path of the `.onnx` or `.pb` file or TF.js folder on the worker's machine. */
  path: string;
  /** True when `path` is a staged upload, removed by the worker when the job ends. */
  upload: boolean;
  fileName: string;
  /** Size of the file (or of model.json and its shards), bytes. */
  bytes: number;
  /** SHA-256 (hex) the worker must find again, so a file changed after queueing is not imported silently. */
  sha256: string;
  inputRange: [number, number];
  /** {@link importModelKey}: the job's dedupe key and the key of its stored result. */
  importKey: ResultKey;
}

/** What a succeeded import stores under its import key (and the job's `resultKey` names). */
export interface ImportModelValue {
  modelId: string;
  name: string;
  format: ModelFormat;
  sha256: string;
  /** Graph nodes, input included. */
  layers: number;
  /** Float32 weights stored. */
  parameters: number;
  /** Branched blocks found in the graph, by kind (`gate`: squeeze-and-excitation gates). */
  branchedBlocks: { grouped: number; concat: number; residual: number; gate: number };
  weightsKey: string;
  weightsBytes: number;
  /** Milliseconds spent reading and decoding, converting to a graph, and checking it and serializing its weights. */
  timingsMs: { parse: number; convert: number; serialize: number };
}

/** The import's content key: the file's hash with every option that changes the stored model. */
export function importModelKey(source: { sha256: string; format: ModelFormat; inputRange: readonly [number, number] }): ResultKey {
  return contentKey(IMPORT_MODEL_JOB, source.sha256, { format: source.format, inputRange: [...source.inputRange] });
}

/** A readable, stable model id: the name as a slug plus the start of the import key (`bvlcalexnet-3fa2c1d9`). */
export function importedModelId(name: string, importKey: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return `${slug || 'model'}-${importKey.slice(0, 8)}`;
}

/** The content key of a weights blob: its own hash, so identical weights are stored once. */
export function modelWeightsKey(weightsSha256: string, formatVersion: number): ResultKey {
  return contentKey(MODEL_WEIGHTS_ARTIFACT, weightsSha256, { formatVersion });
}

/**
 * The job input for importing `digest` (from `digestModelSource`, or a staged upload's own digest) under `name`,
 * input range defaulting to {@link DEFAULT_IMPORT_INPUT_RANGE}. `upload`: the path is a staged copy to remove.
 */
export function importModelInput(
  request: { name: string; format: ModelFormat; inputRange?: readonly [number, number] | null },
  digest: SourceDigest,
  upload = false,
): ImportModelInput {
  const inputRange: [number, number] = [...(request.inputRange ?? DEFAULT_IMPORT_INPUT_RANGE)];
  const importKey = importModelKey({ sha256: digest.sha256, format: request.format, inputRange });
  return {
    modelId: importedModelId(request.name, importKey),
    name: request.name,
    format: request.format,
    path: digest.path,
    upload,
    fileName: digest.fileName,
    bytes: digest.bytes,
    sha256: digest.sha256,
    inputRange,
    importKey,
  };
}
