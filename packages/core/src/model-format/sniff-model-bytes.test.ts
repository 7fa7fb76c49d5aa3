import { describe, expect, it } from 'vitest';
import { modelFormatSamples } from '../testing/model-format-samples';
import { protoMessage } from '../testing/proto-encode';
import { zipArchive } from '../testing/zip-archive';
import { sniffModelBytes } from './sniff-model-bytes';

const samples = modelFormatSamples();
const sniff = (key: string) => sniffModelBytes(samples[key]!.bytes);

describe('sniffModelBytes', () => {
  it.each([
    ['onnx', 'onnx', /ModelProto with a graph/],
    ['onnx-external-data', 'onnx-external-data', /1 initializers stored outside the file: w/],
    ['pytorch', 'pytorch', /zip archive with archive\/data\.pkl/],
    ['pytorch-pickle', 'pytorch', /Python pickle, protocol 2/],
    ['torchscript', 'torchscript', /zip archive with scripted\/constants\.pkl, scripted\/code\/__torch__\/model\.py/],
    ['keras-h5', 'keras-h5', /HDF5 signature/],
    ['keras', 'keras', /zip archive with config\.json, model\.weights\.h5/],
    ['safetensors', 'safetensors', /JSON header listing 1 tensors/],
    ['tf-graphdef', 'tf-graphdef', /first node is input \(Placeholder\)/],
    ['tf-saved-model', 'tf-saved-model', /SavedModel protobuf/],
    ['tfjs', 'tfjs', /modelTopology/],
  ])('recognises the %s sample as %s', (key, format, evidence) => {
    const sniffed = sniff(key);
    expect(sniffed.format).toBe(format);
    expect(sniffed.evidence).toMatch(evidence);
  });

  it('recognises the raw pickle of every protocol from 2 to 5, and no other first two bytes', () => {
    for (const protocol of [2, 3, 4, 5]) expect(sniffModelBytes(Uint8Array.from([0x80, protocol, 0x7d, 0x2e])).format).toBe('pytorch');
    expect(sniffModelBytes(Uint8Array.from([0x80, 0x06, 0x7d, 0x2e])).format).toBe('unknown');
  });

  it('reads a zip whose central directory is cut off from its local headers', () => {
    const bytes = samples.pytorch!.bytes;
    expect(sniffModelBytes(bytes.subarray(0, 60)).format).toBe('pytorch');
  });

  it('calls a zip of other files, empty bytes, noise and text unknown', () => {
    expect(sniffModelBytes(zipArchive([{ name: 'readme.txt', data: 'hello' }]))).toEqual({ format: 'unknown', evidence: 'a zip archive' });
    expect(sniffModelBytes(new Uint8Array(0)).format).toBe('unknown');
    expect(sniffModelBytes(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)).format).toBe('unknown');
    expect(sniffModelBytes(new TextEncoder().encode('{"not": "a model"}')).format).toBe('unknown');
  });

  it('does not take a length-prefixed JSON without tensors for safetensors, nor a truncated ONNX file for ONNX', () => {
    const json = new TextEncoder().encode('{"a": 1}');
    const bytes = new Uint8Array(8 + json.length);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(json, 8);
    expect(sniffModelBytes(bytes).format).toBe('unknown');
    const onnx = samples.onnx!.bytes;
    expect(sniffModelBytes(onnx.subarray(0, onnx.length - 3)).format).toBe('unknown');
  });

  it('tells an ONNX model from a GraphDef by its first field', () => {
    expect(sniffModelBytes(protoMessage([[1, 8], [7, protoMessage([[2, 'g']])]])).format).toBe('onnx');
    expect(sniffModelBytes(protoMessage([[1, protoMessage([[1, 'x'], [2, 'Placeholder']])]])).format).toBe('tf-graphdef');
    // A lower-case "op" is not a TensorFlow op name.
    expect(sniffModelBytes(protoMessage([[1, protoMessage([[1, 'x'], [2, 'placeholder']])]])).format).toBe('unknown');
  });
});
