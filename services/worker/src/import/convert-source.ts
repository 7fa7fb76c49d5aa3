import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sniffModelBytes, unsupportedFormatMessage, type Graph } from '@branchscope/core';
import { digestModelSource, type ImportModelInput } from '@branchscope/jobs';
import { importTfjsFolder, onnxToGraph, OnnxImportError, readOnnxFile, TfjsImportError, type OnnxFile, type WeightSource } from '@branchscope/nn';

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
