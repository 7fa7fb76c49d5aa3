import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sniffModelBytes, type Graph } from '@branchscope/core';
import { digestModelSource, importFormatMismatch, type ImportModelInput } from '@branchscope/jobs';
import { GraphDefImportError, importGraphDef, importTfjsFolder, onnxToGraph, OnnxImportError, readOnnxFile, TfjsImportError, type OnnxFile } from '@branchscope/model-import';
import { type WeightSource } from '@branchscope/runtime';

export interface ConvertedSource {
  graph: Graph;
  weights: WeightSource;
  /** Reading and decoding, then mapping onto the graph, in milliseconds. */
  parseMs: number;
  convertMs: number;
}

/** The importers' typed errors as the job's message: file, format, code, then the importer's own words. */
export function importFailure(input: Pick<ImportModelInput, 'fileName' | 'format'>, error: unknown): Error {
  if (error instanceof OnnxImportError) return new Error(`cannot import '${input.fileName}' (ONNX ${error.code}): ${error.message}`, { cause: error });
  if (error instanceof TfjsImportError) return new Error(`cannot import '${input.fileName}' (TF.js ${error.code}): ${error.message}`, { cause: error });
  if (error instanceof GraphDefImportError) return new Error(`cannot import '${input.fileName}' (GraphDef ${error.code}): ${error.message}`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

const changed = (input: ImportModelInput, sha256: string): Error =>
  new Error(`'${input.path}' changed since the import was queued (sha256 ${sha256}, expected ${input.sha256}); import it again`);

/**
 * A file that is recognisably something other than the requested format (a PyTorch checkpoint, a Keras model, ONNX
 * with external data, a GraphDef sent as ONNX, ...) is refused with what it is and how to import or convert it,
 * rather than the reader's "not a ModelProto".
 */
function refuseOtherFormats(input: ImportModelInput, bytes: Buffer): void {
  const mismatch = importFormatMismatch(input.format, sniffModelBytes(bytes), input.fileName);
  if (mismatch) throw new Error(mismatch);
}

/** The import's single file, checked against the hash the API saw and against the requested format. */
async function readSourceFile(input: ImportModelInput, what: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(input.path);
  } catch (error) {
    throw new Error(`cannot read ${what} '${input.path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== input.sha256) throw changed(input, sha256);
  refuseOtherFormats(input, bytes);
  return bytes;
}

/**
 * When the ONNX reader refuses the file, says instead that it changed since the import was queued, or what other
 * format it is and the command that converts it, when either applies. Reads the whole file, on this path only.
 */
async function explainRefusal(input: ImportModelInput): Promise<void> {
  const bytes = await readFile(input.path).catch(() => undefined);
  if (!bytes) return;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== input.sha256) throw changed(input, sha256);
  refuseOtherFormats(input, bytes);
}

async function convertOnnx(input: ImportModelInput, onParsed: () => Promise<void>): Promise<ConvertedSource> {
  const t0 = performance.now();
  let read: OnnxFile;
  try {
    // Streamed and hashed as it is read: the weights go from the file straight into the arrays the model keeps.
    read = await readOnnxFile(input.path);
  } catch (error) {
    if (!(error instanceof OnnxImportError)) throw new Error(`cannot read ONNX file '${input.path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    await explainRefusal(input);
    throw error;
  }
  if (read.sha256 !== input.sha256) throw changed(input, read.sha256);
  const t1 = performance.now();
  await onParsed();
  const { graph, weights } = onnxToGraph(read.model, { name: input.name, inputRange: input.inputRange });
  return { graph, weights, parseMs: t1 - t0, convertMs: performance.now() - t1 };
}

async function convertTfjs(input: ImportModelInput, onParsed: () => Promise<void>): Promise<ConvertedSource> {
  const t0 = performance.now();
  const { sha256 } = await digestModelSource('tfjs', input.path);
  if (sha256 !== input.sha256) throw changed(input, sha256);
  const t1 = performance.now();
  await onParsed();
  // importTfjsFolder reads, decodes and converts in one call; its time counts as conversion.
  const { graph, weights } = await importTfjsFolder(input.path, { name: input.name, inputRange: input.inputRange });
  return { graph, weights, parseMs: t1 - t0, convertMs: performance.now() - t1 };
}

async function convertGraphDef(input: ImportModelInput, onParsed: () => Promise<void>): Promise<ConvertedSource> {
  const t0 = performance.now();
  const bytes = await readSourceFile(input, 'GraphDef file');
  const t1 = performance.now();
  await onParsed();
  // importGraphDef decodes and converts in one call; its time counts as conversion.
  const { graph, weights } = importGraphDef(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: input.name, inputRange: input.inputRange });
  return { graph, weights, parseMs: t1 - t0, convertMs: performance.now() - t1 };
}

const CONVERTERS = { onnx: convertOnnx, tfjs: convertTfjs, graphdef: convertGraphDef } as const;

/**
 * Reads the import's file or folder, checks it still has the hash the API saw, and converts it with the
 * format's importer. `onParsed` runs between decoding and conversion (progress). Throws an Error whose message
 * names the file, the format and the importer's code and message.
 */
export async function convertSource(input: ImportModelInput, onParsed: () => Promise<void>): Promise<ConvertedSource> {
  try {
    return await CONVERTERS[input.format](input, onParsed);
  } catch (error) {
    throw importFailure(input, error);
  }
}
