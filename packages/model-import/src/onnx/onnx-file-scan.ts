import { OnnxImportError } from './onnx-import-error';
import { formatBytes, type OnnxLimits } from './onnx-limits';
import { ProtoScanError, type ProtoFileReader, type RawVarint } from './proto-file-reader';

/** Field numbers of onnx.proto on the way from a model to its weights' bytes. */
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;
/** Initializers at least this large (encoded) have their raw_data read into memory of their own. */
const STREAMED_FROM_BYTES = 64 * 1024;

/** An ONNX file split while it is read: the model without its large initializers' raw_data, and that data. */
export interface ScannedOnnx {
  /** The ModelProto with the raw_data of large initializers left out (small enough to decode at once). */
  skeleton: Uint8Array;
  /** raw_data by initializer position in the graph, each in an ArrayBuffer of its own (4-byte aligned). */
  rawData: Map<number, Uint8Array>;
}

type Parts = Uint8Array[];

const byteLength = (parts: Parts): number => parts.reduce((n, p) => n + p.byteLength, 0);

function encodeVarint(value: number): Uint8Array {
  const out: number[] = [];
  for (let v = value; ; v = Math.floor(v / 128)) {
    if (v < 128) {
      out.push(v);
      return Uint8Array.from(out);
    }
    out.push((v % 128) | 0x80);
  }
}

/** The length of a length-delimited field, checked to end inside the message holding it (`end`). */
async function lengthWithin(reader: ProtoFileReader, end: number): Promise<RawVarint> {
  const length = await reader.varint();
  if (reader.pos + length.value > end) {
    throw new ProtoScanError(`a field at byte ${reader.pos} declares ${length.value} bytes, past the end of its message at byte ${end}`);
  }
  return length;
}

/** A field's value as it is in the file (for length-delimited ones, the length and the bytes). */
async function copyValue(reader: ProtoFileReader, wire: number, end: number): Promise<Parts> {
  if (wire === 0) return [(await reader.varint()).raw];
  if (wire === 1) return [await reader.take(8)];
  if (wire === 5) return [await reader.take(4)];
  if (wire === 2) {
    const length = await lengthWithin(reader, end);
    return [length.raw, await reader.take(length.value)];
  }
  throw new ProtoScanError(`wire type ${wire} at byte ${reader.pos} is not one protobuf messages use here`);
}

/**
 * Reads the fields of one message up to `end`, copying each unchanged unless `nested` takes it over (returning
 * the parts to write in its place, or undefined to copy it).
 */
async function scanMessage(
  reader: ProtoFileReader,
  end: number,
  nested: (field: number, wire: number, tag: RawVarint) => Promise<Parts | undefined>,
): Promise<Parts> {
  const parts: Parts = [];
  while (reader.pos < end) {
    const tag = await reader.varint();
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    const replaced = await nested(field, wire, tag);
    if (replaced) parts.push(...replaced);
    else parts.push(tag.raw, ...(await copyValue(reader, wire, end)));
  }
  if (reader.pos !== end) throw new ProtoScanError(`a field runs past the end of its message at byte ${end}`);
  return parts;
}

/** A nested message field rebuilt from `parts`: its tag, its new length, its parts. */
const rebuilt = (tag: RawVarint, parts: Parts): Parts => [tag.raw, encodeVarint(byteLength(parts)), ...parts];

/**
 * Memory the raw data of streamed initializers may take, checked before each is allocated: no tensor holds more raw
 * bytes than its limit counts (at least 4 per value), and 8-byte types become 4-byte values, so their sum may be
 * up to twice the limit on all initializers. Beyond that the reader would refuse them anyway, once read.
 */
class RawBudget {
  private total = 0;
  constructor(
    private readonly limits: OnnxLimits,
    private readonly fileBytes: number,
  ) {}

  take(bytes: number, position: number): void {
    const what = `initializer #${position} holds ${formatBytes(bytes)} of raw data`;
    const file = `the file is ${formatBytes(this.fileBytes)}`;
    if (bytes > this.limits.maxTensorBytes) throw new OnnxImportError('TOO_LARGE', `${what}, over the ${formatBytes(this.limits.maxTensorBytes)} limit per tensor (${file})`);
    this.total += bytes;
    if (this.total > 2 * this.limits.maxTotalBytes) {
      throw new OnnxImportError('TOO_LARGE', `the initializers exceed the ${formatBytes(this.limits.maxTotalBytes)} limit at ${what.replace(' holds', ', which holds')} (${file})`);
    }
  }
}

async function scanTensor(reader: ProtoFileReader, end: number, budget: RawBudget, position: number): Promise<{ parts: Parts; raw?: Uint8Array }> {
  let raw: Uint8Array | undefined;
  const parts = await scanMessage(reader, end, async (field, wire) => {
    if (field !== TENSOR_RAW_DATA || wire !== 2) return undefined;
    const length = await lengthWithin(reader, end);
    budget.take(length.value, position);
    // A later raw_data replaces an earlier one, as protobuf decoders do.
    raw = new Uint8Array(length.value);
    await reader.readInto(raw);
    return [];
  });
  return { parts, raw };
}

async function scanGraph(reader: ProtoFileReader, end: number, rawData: Map<number, Uint8Array>, budget: RawBudget): Promise<Parts> {
  let initializer = 0;
  return scanMessage(reader, end, async (field, wire, tag) => {
    if (field !== GRAPH_INITIALIZER || wire !== 2) return undefined;
    const position = initializer++;
    const length = await lengthWithin(reader, end);
    if (length.value < STREAMED_FROM_BYTES) return [tag.raw, length.raw, await reader.take(length.value)];
    const tensor = await scanTensor(reader, reader.pos + length.value, budget, position);
    if (tensor.raw) rawData.set(position, tensor.raw);
    return rebuilt(tag, tensor.parts);
  });
}

/**
 * Reads a whole ONNX file with `reader`, front to back, holding only what a decoder needs at once: every field is
 * copied into a skeleton ModelProto except the raw_data of large initializers, which is read straight from the
 * file into arrays of its own. The file's bytes are thus in memory once, the weights' in the arrays the model
 * will use. Throws ProtoScanError when the file ends inside a field or a field overruns its message, and a
 * TOO_LARGE OnnxImportError (naming the initializer, its size, the limit and the file's size) before allocating
 * raw data over `limits`.
 */
export async function scanOnnxFile(reader: ProtoFileReader, limits: OnnxLimits): Promise<ScannedOnnx> {
  const budget = new RawBudget(limits, reader.size);
  let rawData = new Map<number, Uint8Array>();
  const parts = await scanMessage(reader, reader.size, async (field, wire, tag) => {
    if (field !== MODEL_GRAPH || wire !== 2) return undefined;
    const length = await lengthWithin(reader, reader.size);
    // A later graph field replaces an earlier one when decoded; so do its initializers' positions.
    rawData = new Map();
    return rebuilt(tag, await scanGraph(reader, reader.pos + length.value, rawData, budget));
  });
  const skeleton = new Uint8Array(byteLength(parts));
  let offset = 0;
  for (const part of parts) {
    skeleton.set(part, offset);
    offset += part.byteLength;
  }
  return { skeleton, rawData };
}
