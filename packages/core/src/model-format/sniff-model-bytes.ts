import type { SniffedFormat } from './model-file-format';
import { protoLayout } from './proto-layout';
import { isZip, zipEntryNames } from './zip-entry-names';

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
/** JSON headers bigger than this are not sniffed (a model.json, a safetensors header). */
const MAX_JSON_BYTES = 64 * 2 ** 20;

const startsWith = (bytes: Uint8Array, magic: number[], at = 0): boolean => magic.every((b, i) => bytes[at + i] === b);
const list = (names: string[]): string => names.slice(0, 3).join(', ') + (names.length > 3 ? ', ...' : '');

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A zip archive by what it holds: TorchScript, a PyTorch checkpoint or a Keras 3 model. */
function sniffZip(bytes: Uint8Array): SniffedFormat | undefined {
  const names = zipEntryNames(bytes);
  const has = (pattern: RegExp) => names.filter((name) => pattern.test(name));
  const code = [...has(/(^|\/)constants\.pkl$/), ...has(/(^|\/)code\//)];
  if (code.length > 0) return { format: 'torchscript', evidence: `a zip archive with ${list(code)}` };
  const pickles = has(/(^|\/)data\.pkl$/);
  if (pickles.length > 0) return { format: 'pytorch', evidence: `a zip archive with ${list(pickles)}` };
  const keras = has(/^(config\.json|model\.weights\.h5)$/);
  if (keras.length > 0) return { format: 'keras', evidence: `a zip archive with ${list(keras)}` };
  return undefined;
}

/** safetensors: an 8-byte little-endian header length, then that many bytes of JSON describing the tensors. */
function sniffSafetensors(bytes: Uint8Array): SniffedFormat | undefined {
  if (bytes.length < 10 || bytes[8] !== 0x7b) return undefined;
  const length = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (length < 2n || length > BigInt(Math.min(bytes.length - 8, MAX_JSON_BYTES))) return undefined;
  const header = parseJsonObject(bytes.subarray(8, 8 + Number(length)));
  if (!header) return undefined;
  const tensors = Object.entries(header).filter(([, v]) => v !== null && typeof v === 'object' && 'dtype' in v && 'data_offsets' in v);
  if (tensors.length === 0 && !('__metadata__' in header)) return undefined;
  return { format: 'safetensors', evidence: `a ${length}-byte JSON header listing ${tensors.length} tensors` };
}

function sniffModelJson(bytes: Uint8Array): SniffedFormat | undefined {
  const first = bytes.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first < 0 || bytes[first] !== 0x7b || bytes.length > MAX_JSON_BYTES) return undefined;
  const json = parseJsonObject(bytes);
  return json && ('modelTopology' in json || 'weightsManifest' in json) ? { format: 'tfjs', evidence: 'JSON with modelTopology and weightsManifest' } : undefined;
}

/**
 * What a model file is, from its bytes (the whole file: a zip's entry list is at its end, and ONNX external data
 * is marked on each initializer). Recognises ONNX (self-contained or with external data), a TF.js model.json,
 * PyTorch checkpoints (zip with data.pkl, or a raw pickle: 0x80 then protocol 2 to 5), TorchScript (zip with
 * code/ and constants.pkl), Keras HDF5 (.h5) and Keras 3 (.keras) models, safetensors, a TensorFlow frozen
 * GraphDef and a saved_model.pb. Anything else is `unknown`: the importer then says what is wrong with it.
 */
export function sniffModelBytes(bytes: Uint8Array): SniffedFormat {
  if (isZip(bytes)) return sniffZip(bytes) ?? { format: 'unknown', evidence: 'a zip archive' };
  if (bytes[0] === 0x80 && bytes[1]! >= 2 && bytes[1]! <= 5) return { format: 'pytorch', evidence: `a Python pickle, protocol ${bytes[1]}` };
  if (startsWith(bytes, HDF5_MAGIC)) return { format: 'keras-h5', evidence: 'the HDF5 signature \\x89HDF\\r\\n\\x1a\\n' };
  const json = sniffSafetensors(bytes) ?? sniffModelJson(bytes);
  if (json) return json;
  const layout = protoLayout(bytes);
  if (layout?.kind === 'onnx' && layout.externalTensors.length > 0) {
    return { format: 'onnx-external-data', evidence: `${layout.externalTensors.length} initializers stored outside the file: ${list(layout.externalTensors)}` };
  }
  if (layout?.kind === 'onnx') return { format: 'onnx', evidence: 'a ModelProto with a graph' };
  if (layout?.kind === 'tf-graphdef') return { format: 'tf-graphdef', evidence: `a GraphDef whose first node is ${layout.firstNode}` };
  if (layout?.kind === 'tf-saved-model') return { format: 'tf-saved-model', evidence: 'a SavedModel protobuf' };
  return { format: 'unknown', evidence: 'no known signature' };
}
