import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { scanOnnxFile } from './onnx-file-scan';
import { OnnxImportError } from './onnx-import-error';
import { DEFAULT_ONNX_LIMITS } from './onnx-limits';
import type { OnnxModel } from './onnx-model';
import { checkMessageStart, decodeMessage, ModelProtoType } from './onnx-proto';
import { ProtoFileReader, ProtoScanError } from './proto-file-reader';
import type { ModelProtoMessage } from './proto-messages';
import { onnxModelFromProto, type ReadOnnxOptions } from './read-onnx';

export interface OnnxFile {
  model: OnnxModel;
  /** SHA-256 (hex) of the file as it was read. */
  sha256: string;
  /** The file's size. */
  bytes: number;
}

async function readHead(file: FileHandle, size: number): Promise<Uint8Array> {
  const head = new Uint8Array(Math.min(size, 16));
  await file.read(head, 0, head.byteLength, 0);
  return head;
}

/**
 * {@link readOnnx} for a file on disk, streamed: the weights are read from the file straight into the arrays the
 * model holds, never into one buffer of the whole file, so memory peaks near the file's size rather than twice
 * it. Hashes the file as it reads it. Same checks and errors as readOnnx (only OnnxImportError, TRUNCATED when
 * the file ends inside a field), except a file that cannot be opened or read, which throws the system's error.
 */
export async function readOnnxFile(path: string, options: ReadOnnxOptions = {}): Promise<OnnxFile> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    checkMessageStart(ModelProtoType, await readHead(file, size), 'the file');
    const hash = createHash('sha256');
    let scanned;
    try {
      scanned = await scanOnnxFile(new ProtoFileReader(file, size, hash), { ...DEFAULT_ONNX_LIMITS, ...options.limits });
    } catch (error) {
      if (error instanceof ProtoScanError) throw new OnnxImportError('TRUNCATED', `the file is truncated or corrupt: ${error.message} (${size} bytes)`);
      throw error;
    }
    const m = decodeMessage<ModelProtoMessage>(ModelProtoType, scanned.skeleton, 'the file');
    const initializers = m.graph?.initializer ?? [];
    for (const [position, raw] of scanned.rawData) if (initializers[position]) initializers[position].raw_data = raw;
    return { model: onnxModelFromProto(m, options, true), sha256: hash.digest('hex'), bytes: size };
  } finally {
    await file.close();
  }
}
