/**
 * What a model file (or folder) is, as its bytes tell: the formats branchscope imports (`onnx`, `tfjs`, `tf-graphdef`), the
 * common formats it recognises and cannot import yet, and `unknown` (left to the importer to judge).
 */
export type ModelFileFormat =
  | 'onnx'
  | 'tfjs'
  | 'onnx-external-data'
  | 'pytorch'
  | 'torchscript'
  | 'keras-h5'
  | 'keras'
  | 'safetensors'
  | 'tf-saved-model'
  | 'tf-graphdef'
  | 'unknown';

/** What sniffing found: the format, and the evidence in words (`a zip archive with archive/data.pkl`). */
export interface SniffedFormat {
  format: ModelFileFormat;
  evidence: string;
}

/** The formats branchscope imports today, and how each is named in `importModel`'s `format`. */
export const IMPORTABLE_FILE_FORMATS: Readonly<Partial<Record<ModelFileFormat, string>>> = Object.freeze({ onnx: 'ONNX', tfjs: 'TFJS', 'tf-graphdef': 'GRAPHDEF' });

export const isImportableFileFormat = (format: ModelFileFormat): boolean => format === 'unknown' || format in IMPORTABLE_FILE_FORMATS;
