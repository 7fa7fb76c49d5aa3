import { describe, expect, it } from 'vitest';
import { importFormatMismatch } from './import-format-check';

describe('importFormatMismatch', () => {
  it('lets a file through as its own format, or when sniffing cannot tell', () => {
    expect(importFormatMismatch('onnx', { format: 'onnx', evidence: 'a ModelProto' }, 'm.onnx')).toBeUndefined();
    expect(importFormatMismatch('graphdef', { format: 'tf-graphdef', evidence: 'a GraphDef' }, 'm.pb')).toBeUndefined();
    expect(importFormatMismatch('graphdef', { format: 'unknown', evidence: '' }, 'm.pb')).toBeUndefined();
  });

  it('names the format to use for an ONNX file sent as GRAPHDEF and a GraphDef sent as ONNX', () => {
    expect(importFormatMismatch('graphdef', { format: 'onnx', evidence: 'ir_version 8' }, 'm.onnx')).toBe(
      "'m.onnx' is an ONNX model (found: ir_version 8), not a TensorFlow GraphDef: import it with format ONNX",
    );
    expect(importFormatMismatch('onnx', { format: 'tf-graphdef', evidence: 'a GraphDef whose first node is input' }, 'm.pb')).toMatch(
      /^'m\.pb' is a TensorFlow frozen GraphDef \(\.pb\) \(found: a GraphDef whose first node is input\), not an ONNX file: import it with format GRAPHDEF$/,
    );
  });

  it("gives core's conversion advice for formats no importer reads", () => {
    expect(importFormatMismatch('graphdef', { format: 'pytorch', evidence: 'a zip archive with archive/data.pkl' }, 'm.pt')).toMatch(/is a PyTorch checkpoint .*which branchscope cannot import yet/);
  });
});
