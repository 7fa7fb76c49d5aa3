import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sniffModelBytes, unsupportedFormatMessage, type Graph } from '@branchscope/core';
import { digestModelSource, type ImportModelInput } from '@branchscope/jobs';
import { importTfjsFolder, onnxToGraph, OnnxImportError, readOnnx, TfjsImportError, type WeightSource } from '@branchscope/nn';

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
  return error instanceof Error ? error : new Error(String(error));
}

const changed = (input: ImportModelInput, sha256: string): Error =>
  new Error(`'${input.path}' changed since the import was queued (sha256 ${sha256}, expected ${input.sha256}); import it again`);

/**
 * A file that is recognisably something other than ONNX (a PyTorch checkpoint, a Keras model, ONNX with external
 * data, ...) is refused with what it is and the command that converts it, rather than the ONNX reader's
 * "not a ModelProto".
 */
function refuseOtherFormats(input: ImportModelInput, bytes: Buffer): void {
  const { format, evidence } = sniffModelBytes(bytes);
  if (format !== 'onnx' && format !== 'unknown') throw new Error(unsupportedFormatMessage(format, input.fileName, evidence));
}

async function convertOnnx(input: ImportModelInput, onParsed: () => Promise<void>): Promise<ConvertedSource> {
  const t0 = performance.now();
  let bytes: Buffer;
  try {
    bytes = await readFile(input.path);
  } catch (error) {
    throw new Error(`cannot read ONNX file '${input.path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== input.sha256) throw changed(input, sha256);
  refuseOtherFormats(input, bytes);
  const onnx = readOnnx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const t1 = performance.now();
  await onParsed();
  const { graph, weights } = onnxToGraph(onnx, { name: input.name, inputRange: input.inputRange });
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

/**
 * Reads the import's file or folder, checks it still has the hash the API saw, and converts it with the
 * format's importer. `onParsed` runs between decoding and conversion (progress). Throws an Error whose message
 * names the file, the format and the importer's code and message.
 */
export async function convertSource(input: ImportModelInput, onParsed: () => Promise<void>): Promise<ConvertedSource> {
  try {
    return input.format === 'onnx' ? await convertOnnx(input, onParsed) : await convertTfjs(input, onParsed);
  } catch (error) {
    throw importFailure(input, error);
  }
}
