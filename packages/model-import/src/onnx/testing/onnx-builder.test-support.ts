import { encodeModelProto, ModelProtoType } from '../onnx-proto';

/** An attribute value with its ONNX type made explicit (1 could be an INT or a FLOAT). */
export type Attr = { int: number } | { float: number } | { ints: number[] } | { floats: number[] } | { string: string } | { graph: Record<string, unknown> };

/** One node of a graph attribute: op type, inputs, outputs, attributes. */
export type SubgraphNode = [string, string[], string[], Record<string, Attr>?];

export const a = {
  int: (v: number): Attr => ({ int: v }),
  float: (v: number): Attr => ({ float: v }),
  ints: (v: number[]): Attr => ({ ints: v }),
  floats: (v: number[]): Attr => ({ floats: v }),
  string: (v: string): Attr => ({ string: v }),
  /** A graph attribute (If's branches): its nodes, and the tensors it yields. */
  graph: (name: string, nodes: SubgraphNode[], outputs: string[]): Attr => ({
    graph: {
      name,
      node: nodes.map(([opType, inputs, outs, attrs = {}]) => ({ op_type: opType, input: inputs, output: outs, attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)) })),
      output: outputs.map((o) => ({ name: o })),
    },
  }),
};

function attribute(name: string, v: Attr): Record<string, unknown> {
  if ('int' in v) return { name, type: 2, i: v.int };
  if ('float' in v) return { name, type: 1, f: v.float };
  if ('ints' in v) return { name, type: 7, ints: v.ints };
  if ('floats' in v) return { name, type: 6, floats: v.floats };
  if ('graph' in v) return { name, type: 5, g: v.graph };
  return { name, type: 3, s: new TextEncoder().encode(v.string) };
}

const valueInfo = (name: string, dims: Array<number | string>, elemType = 1): Record<string, unknown> => ({
  name,
  type: { tensor_type: { elem_type: elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
});

/** Builds ModelProto messages for tests and benchmarks: float initializers go in as raw_data, int64 ones as int64_data. */
export class OnnxBuilder {
  readonly nodes: Array<Record<string, unknown>> = [];
  readonly initializers: Array<Record<string, unknown>> = [];
  private readonly inputs: Array<Record<string, unknown>> = [];
  private readonly outputs: Array<Record<string, unknown>> = [];

  constructor(
    private readonly graphName: string,
    private readonly opset: number,
    private readonly irVersion = opset >= 15 ? 8 : opset >= 9 ? 4 : 3,
  ) {}

  input(name: string, dims: Array<number | string>, elemType = 1): this {
    this.inputs.push(valueInfo(name, dims, elemType));
    return this;
  }

  output(name: string, dims: Array<number | string>, elemType = 1): this {
    this.outputs.push(valueInfo(name, dims, elemType));
    return this;
  }

  floats(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push({ name, dims, data_type: 1, raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  int64s(name: string, values: number[]): string {
    this.initializers.push({ name, dims: [values.length], data_type: 7, int64_data: values });
    return name;
  }

  node(opType: string, inputs: string[], outputs: string[], attrs: Record<string, Attr> = {}, name = ''): string {
    this.nodes.push({ name, op_type: opType, input: inputs, output: outputs, attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)) });
    return outputs[0]!;
  }

  /** The ModelProto as a plain object (to mutate in tests before encoding). */
  message(): Record<string, unknown> {
    // IR < 4 lists initializers among the graph inputs, as old exporters did.
    const initializerInputs = this.irVersion < 4 ? this.initializers.map((t) => valueInfo(t.name as string, t.dims as number[], t.data_type as number)) : [];
    return {
      ir_version: this.irVersion,
      producer_name: 'branchscope-tests',
      opset_import: [{ domain: '', version: this.opset }],
      graph: { name: this.graphName, node: this.nodes, initializer: this.initializers, input: [...this.inputs, ...initializerInputs], output: this.outputs },
    };
  }

  /**
   * Serialized bytes; `verify` checks the message first (slow for large models). Always a plain Uint8Array:
   * protobufjs may hand out a Node Buffer, whose slice() shares memory and would let mutations leak back.
   */
  encode(verify = false): Uint8Array {
    const bytes = verify ? encodeModelProto(this.message()) : ModelProtoType.encode(this.message()).finish();
    return new Uint8Array(bytes);
  }
}
