import { smallResnetGraph, type Graph } from '@branchscope/core';
import { describe, expect, it } from 'vitest';
import { importOnnx } from './import-onnx';
import { smallBranchedModel } from './testing/small-models.test-support';
import { seededWeights } from '@branchscope/runtime';
import { deserializeWeights, serializeWeights, WEIGHTS_FORMAT_VERSION } from '@branchscope/runtime';
import type { WeightSource } from '@branchscope/runtime';

/** The bit patterns of a float array, so -0, NaN and denormals compare exactly. */
const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

/** Every array a WeightSource yields for `graph`, by `<layer>/<part>`. */
function allArrays(graph: Graph, w: WeightSource): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const n of graph.nodes) {
    if (n.op === 'conv') {
      out.set(`${n.name}/weights`, w.conv(n.name).data);
      out.set(`${n.name}/bias`, w.convBias(n.name));
    } else if (n.op === 'dense') {
      out.set(`${n.name}/weights`, w.dense(n.name).data);
      out.set(`${n.name}/bias`, w.denseBias(n.name));
    } else if (n.op === 'batchnorm') {
      const p = w.batchnorm(n.name);
      for (const k of ['scale', 'bias', 'mean', 'variance'] as const) out.set(`${n.name}/${k}`, p[k]);
      out.set(`${n.name}/epsilon`, new Float32Array([p.epsilon]));
    }
  }
  return out;
}

function expectSameWeights(graph: Graph, a: WeightSource, b: WeightSource): void {
  const left = allArrays(graph, a);
  const right = allArrays(graph, b);
  expect([...right.keys()]).toEqual([...left.keys()]);
  for (const [key, values] of left) expect(bits(right.get(key)!), key).toEqual(bits(values));
}

const imported = () => importOnnx(smallBranchedModel().encode());

describe('serializeWeights / deserializeWeights', () => {
  it('gives back every conv, dense and batchnorm array of an imported ONNX model bit for bit', () => {
    const { graph, weights } = imported();
    const back = deserializeWeights(serializeWeights(graph, weights));
    expectSameWeights(graph, weights, back);
    expect(back.conv('conv1').shape).toEqual(weights.conv('conv1').shape);
    expect(back.conv('conv1').group).toBe(2);
    expect(back.batchnorm('res/bn').epsilon).toBe(weights.batchnorm('res/bn').epsilon);
  });

  it('gives back seeded small-ResNet weights bit for bit, batch norms included', () => {
    const graph = smallResnetGraph({ residual: true });
    const weights = seededWeights(graph, 5);
    expectSameWeights(graph, weights, deserializeWeights(serializeWeights(graph, weights)));
  });

  it('stores a conv without bias without one and reads its bias back as zeros', () => {
    const { graph, weights } = imported();
    const node = graph.nodes.find((n) => n.op === 'conv' && !n.conv!.bias)!;
    const back = deserializeWeights(serializeWeights(graph, weights));
    expect(Array.from(back.convBias(node.name))).toEqual(new Array(node.channels).fill(0));
  });

  it('writes the magic, the version and the values as little-endian float32 after a 4-byte-aligned index', () => {
    const { graph, weights } = imported();
    const bytes = serializeWeights(graph, weights);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('BSWEIGHT');
    expect(view.getUint32(8, true)).toBe(WEIGHTS_FORMAT_VERSION);
    const dataStart = Math.ceil((16 + view.getUint32(12, true)) / 4) * 4;
    // conv1 is the first parameterised layer, so its first weight opens the data section.
    expect(view.getFloat32(dataStart, true)).toBe(weights.conv('conv1').data[0]);
  });

  it('refuses a truncated blob, saying how many bytes it should have', () => {
    const { graph, weights } = imported();
    const bytes = serializeWeights(graph, weights);
    expect(() => deserializeWeights(bytes.subarray(0, bytes.length - 4), "model 'x' weights")).toThrow(
      new RegExp(`model 'x' weights: truncated: .* \\(${bytes.length} bytes in all\\), the blob has ${bytes.length - 4}`),
    );
  });

  it('refuses a blob of another format version, naming both versions', () => {
    const { graph, weights } = imported();
    const bytes = serializeWeights(graph, weights).slice();
    new DataView(bytes.buffer).setUint32(8, 99, true);
    expect(() => deserializeWeights(bytes)).toThrow(`weights format version 99; this code reads version ${WEIGHTS_FORMAT_VERSION}`);
  });

  it('refuses bytes that are not a weights blob', () => {
    expect(() => deserializeWeights(new Uint8Array([1, 2, 3]))).toThrow("not a branchscope weights blob (no 'BSWEIGHT' header in 3 bytes)");
  });

  it('names an unknown layer and a layer of another op', () => {
    const { graph, weights } = imported();
    const back = deserializeWeights(serializeWeights(graph, weights), 'imported');
    expect(() => back.conv('nope')).toThrow("imported (graph 'small'): no parameterised layer 'nope'");
    expect(() => back.dense('conv1')).toThrow("layer 'conv1' is a conv, not a dense");
  });
});
