import { describe, expect, it } from 'vitest';
import { encodeGraphDef } from './graphdef-proto';
import { GraphDefImportError, type GraphDefImportErrorCode } from './graphdef-import-error';
import { importGraphDef, type ImportGraphDefOptions } from './import-graphdef';
import { constNode, dtype, float, int, ints, op, placeholder, str, type NodeObject } from './testing/graphdef-builders.test-support';

const kernel = (name: string, kh: number, inC: number, outC: number): NodeObject =>
  constNode(name, [kh, kh, inC, outC], Float32Array.from({ length: kh * kh * inC * outC }, (_, i) => ((i % 7) - 3) / 10));
const bias = (name: string, n: number): NodeObject => constNode(name, [n], Float32Array.from({ length: n }, (_, i) => i / 10));
const conv = (name: string, input: string, w: string, padding = 'SAME'): NodeObject =>
  op(name, 'Conv2D', [input, w], { strides: ints([1, 1, 1, 1]), padding: str(padding), data_format: str('NHWC') });

/** input 8x8x3 -> c1 (Lucid-style, 3x3, 4) -> LRN -> c2 (Keras-style, 1x1, 2) -> flatten -> dense (3) -> Softmax. */
function tinyNodes(): NodeObject[] {
  return [
    placeholder('input', [-1, 8, 8, 3]),
    kernel('c1_w', 3, 3, 4),
    bias('c1_b', 4),
    conv('c1_pre_relu/conv', 'input', 'c1_w'),
    op('c1_pre_relu', 'BiasAdd', ['c1_pre_relu/conv', 'c1_b']),
    op('c1', 'Relu', ['c1_pre_relu']),
    op('norm', 'LRN', ['c1'], { depth_radius: int(2), alpha: float(2e-5), beta: float(0.75), bias: float(1) }),
    kernel('c2/kernel', 1, 4, 2),
    bias('c2/bias', 2),
    conv('c2/Conv2D', 'norm', 'c2/kernel', 'VALID'),
    op('c2/BiasAdd', 'BiasAdd', ['c2/Conv2D', 'c2/bias']),
    op('c2/Relu', 'Relu', ['c2/BiasAdd']),
    constNode('flat/shape', [2], Int32Array.of(-1, 128)),
    op('flat', 'Reshape', ['c2/Relu', 'flat/shape']),
    constNode('fc/w', [128, 3], Float32Array.from({ length: 384 }, (_, i) => (i % 5) / 10)),
    op('fc/MatMul', 'MatMul', ['flat', 'fc/w']),
    op('prob', 'Softmax', ['fc/MatMul']),
  ];
}

const encode = (nodes: NodeObject[]): Uint8Array => encodeGraphDef({ node: nodes });

function refused(bytes: Uint8Array, code: GraphDefImportErrorCode, options: ImportGraphDefOptions = {}): GraphDefImportError {
  try {
    importGraphDef(bytes, options);
  } catch (err) {
    expect(err).toBeInstanceOf(GraphDefImportError);
    expect((err as GraphDefImportError).code, (err as Error).message).toBe(code);
    return err as GraphDefImportError;
  }
  throw new Error(`expected a ${code} refusal`);
}

describe('importGraphDef', () => {
  it('converts a small graph: Lucid and Keras layer names, LRN in ONNX terms, biases folded, NHWC kernels to OIHW', () => {
    const { graph, weights, layerNodes, output } = importGraphDef(encode(tinyNodes()), { name: 'tiny', inputRange: [-1, 1] });
    expect(graph.nodes.map((n) => [n.name, n.op])).toEqual([
      ['input', 'input'],
      ['c1', 'conv'],
      ['c1_relu', 'relu'],
      ['norm', 'lrn'],
      ['c2', 'conv'],
      ['c2/Relu', 'relu'],
      ['flat', 'flatten'],
      ['fc', 'dense'],
      ['prob', 'softmax'],
    ]);
    expect(graph).toMatchObject({ name: 'tiny', inputShape: [3, 8, 8], inputRange: [-1, 1], output: 'prob' });
    expect(graph.nodes[3]!.lrn).toEqual({ size: 5, alpha: 1e-4, beta: 0.75, bias: 1 });
    expect(graph.nodes[1]!.conv).toMatchObject({ kernel: [3, 3], pads: [1, 1, 1, 1], bias: true });
    expect(layerNodes.get('c1')).toBe('c1_pre_relu/conv');
    expect(layerNodes.get('c2')).toBe('c2/Conv2D');
    expect(layerNodes.get('fc')).toBe('fc/MatMul');
    // TF flattens [8,8,2] channels-last; the graph flattens NCHW: TF row k = (pixel p, channel c) moves to c * 64 + p.
    const dense = weights.dense('fc');
    expect(dense.shape).toEqual([3, 128]);
    expect(dense.data[1 * 128 + (1 * 64 + 5)]).toBeCloseTo((((5 * 2 + 1) * 3 + 1) % 5) / 10, 6);
    expect(output).toBe('prob');
    // HWIO [3,3,3,4] element (y=1, x=2, i=0, o=3) is OIHW [4,3,3,3] element (o=3, i=0, y=1, x=2).
    expect(weights.conv('c1').data[((3 * 3 + 0) * 3 + 1) * 3 + 2]).toBeCloseTo(((((1 * 3 + 2) * 3 + 0) * 4 + 3) % 7 - 3) / 10, 6);
    expect([...weights.convBias('c2')]).toEqual([0, 0.1].map(Math.fround));
  });

  it('takes channels from the first conv and 224 x 224 (or imageSize) when the Placeholder declares no shape', () => {
    const nodes = tinyNodes().filter((n) => !['flat/shape', 'flat', 'fc/w', 'fc/MatMul', 'prob'].includes(n.name));
    nodes[0] = placeholder('input');
    expect(importGraphDef(encode(nodes)).graph.inputShape).toEqual([3, 224, 224]);
    expect(importGraphDef(encode(nodes), { imageSize: [16, 12] }).graph.inputShape).toEqual([3, 16, 12]);
  });

  it('imports up to the node named by `output`', () => {
    const { graph } = importGraphDef(encode(tinyNodes()), { output: 'norm:0' });
    expect(graph.output).toBe('norm');
    expect(graph.nodes).toHaveLength(4);
  });

  it('refuses what is not a GraphDef: empty, text, an ONNX model', () => {
    expect(refused(new Uint8Array(), 'NOT_GRAPHDEF').message).toMatch(/empty/);
    expect(refused(new TextEncoder().encode('{"modelTopology": {}}'), 'NOT_GRAPHDEF').message).toMatch(/first bytes 7b 22 6d 6f/);
    expect(refused(Uint8Array.of(0x08, 0x07, 0x12, 0x00), 'NOT_GRAPHDEF').message).toMatch(/SavedModel must be frozen/);
  });

  it('refuses a truncated file as TRUNCATED', () => {
    const bytes = encode(tinyNodes());
    refused(bytes.subarray(0, bytes.length - 40), 'TRUNCATED');
  });

  it('lists every unsupported op type on the output path with its count and first node, ignoring the rest', () => {
    const nodes = tinyNodes();
    nodes.splice(
      nodes.findIndex((n) => n.name === 'norm'),
      1,
      op('t1', 'Tanh', ['c1']),
      op('s1', 'Squeeze', ['t1']),
      op('s2', 'Squeeze', ['s1']),
      op('norm', 'Sigmoid', ['s2']),
    );
    nodes.push(op('leftover', 'Erf', ['c1']), { name: 'save/SaveV2', op: 'SaveV2', input: ['c1_w'] });
    const err = refused(encode(nodes), 'UNSUPPORTED_OPS', { output: 'prob' });
    expect(err.details.ops).toEqual([
      { op: 'Tanh', count: 1, first: 't1' },
      { op: 'Squeeze', count: 2, first: 's1' },
      { op: 'Sigmoid', count: 1, first: 'norm' },
    ]);
    expect(err.details).toMatchObject({ node: 't1', op: 'Tanh' });
    expect(err.message).toBe("3 op types on the path to 'prob' cannot be imported: Tanh (1 node, first 't1'), Squeeze (2 nodes, first 's1'), Sigmoid (1 node, first 'norm')");
  });

  it('refuses supported ops used unsupportedly, a foreign dtype, a dangling input, tied outputs, a bad kernel, a shared bias input', () => {
    const nchw = tinyNodes().map((n) => (n.name === 'c2/Conv2D' ? { ...n, attr: { ...n.attr, data_format: str('NCHW') } } : n));
    expect(refused(encode(nchw), 'UNSUPPORTED_FEATURE').message).toMatch(/op 'c2\/Conv2D' \(Conv2D\) uses data_format 'NCHW'/);

    const half = tinyNodes().map((n) => (n.name === 'c1_w' ? { ...n, attr: { value: { tensor: { dtype: 19, tensorShape: { dim: [{ size: 1 }] }, halfVal: [0] } } } } : n));
    expect(refused(encode(half), 'UNSUPPORTED_DTYPE').message).toMatch(/op 'c1_w' \(Const\) holds a DT_HALF tensor/);

    const dangling = tinyNodes().map((n) => (n.name === 'c1' ? { ...n, input: ['c1_pre_reluu'] } : n));
    expect(refused(encode(dangling), 'BAD_GRAPH').message).toBe("node 'c1' (Relu) reads 'c1_pre_reluu', which the graph does not define");

    const tied = [...tinyNodes(), op('prob2', 'Softmax', ['fc/MatMul'])];
    expect(refused(encode(tied), 'BAD_GRAPH').message).toMatch(/'prob', 'prob2' depend on equally many nodes; name the output/);

    const wide = tinyNodes().map((n) => (n.name === 'c2/kernel' ? kernel('c2/kernel', 1, 5, 2) : n));
    const shape = refused(encode(wide), 'BAD_SHAPE');
    expect(shape.details).toEqual({ node: 'c2/Conv2D', op: 'Conv2D' });
    expect(shape.message).toMatch(/^op 'c2\/Conv2D' \(Conv2D\) has a kernel of shape \[1,1,5,2\] that does not fit its 4 input channels/);

    const shared = tinyNodes().flatMap((n) => (n.name === 'norm' ? [op('sum', 'AddV2', ['c1', 'c1_pre_relu/conv']), { ...n, input: ['sum'] }] : [n]));
    expect(refused(encode(shared), 'NOT_CONVERTIBLE').message).toMatch(/op 'c1_pre_relu' \(BiasAdd\) adds a constant to 'c1_pre_relu\/conv', which other ops also read/);
  });

  it('refuses a Placeholder of another dtype', () => {
    const ints32 = tinyNodes().map((n) => (n.name === 'input' ? { ...n, attr: { ...n.attr, dtype: dtype(3) } } : n));
    expect(refused(encode(ints32), 'UNSUPPORTED_DTYPE').message).toBe("input 'input' (Placeholder) is DT_INT32; only DT_FLOAT inputs are imported");
  });
});
