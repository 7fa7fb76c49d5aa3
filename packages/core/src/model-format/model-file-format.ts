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
