import { formatLabel, unsupportedFormatMessage, type ModelFileFormat, type SniffedFormat } from '@branchscope/core';
import type { ModelFormat } from './import-model';

/** The single-file formats `importModel` reads, by what sniffing calls them. */
const FILE_FORMATS: Partial<Record<ModelFileFormat, ModelFormat>> = { onnx: 'onnx', 'tf-graphdef': 'graphdef' };

/**
 * Why bytes sniffed as `sniffed` cannot be imported with `format`, or undefined when they may be (their format, or
 * unknown: the importer then says what is wrong). An ONNX file sent as GRAPHDEF (or the reverse) is told the format to
 * use; anything else gets core's conversion advice.
 */
export function importFormatMismatch(format: ModelFormat, sniffed: SniffedFormat, file: string): string | undefined {
  if (sniffed.format === 'unknown') return undefined;
  const as = FILE_FORMATS[sniffed.format];
  if (as === format) return undefined;
  if (as) return `'${file}' is ${formatLabel(sniffed.format)} (found: ${sniffed.evidence}), not ${format === 'onnx' ? 'an ONNX file' : 'a TensorFlow GraphDef'}: import it with format ${as.toUpperCase()}`;
  return unsupportedFormatMessage(sniffed.format, file, sniffed.evidence);
}
