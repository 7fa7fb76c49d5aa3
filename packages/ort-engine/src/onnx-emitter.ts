import { ModelProtoType } from '@branchscope/model-import/onnx-schema';

/** The opset every generated model declares: onnxruntime-node 1.22 runs it, and ScatterElements has `reduction` from 16. */
export const GENERATED_OPSET = 17;

/** ONNX TensorProto element types the generator writes. */
export const FLOAT = 1;
export const INT64 = 7;

/** An attribute value with its ONNX type explicit (1 could be an INT or a FLOAT). */
export type AttrValue = { i: number } | { f: number } | { ints: number[] } | { floats: number[] } | { s: string };

/** A value's dimension: a size, or a symbolic name such as the batch `N`. */
export type Dim = number | string;

function attribute(name: string, v: AttrValue): Record<string, unknown> {
  if ('i' in v) return { name, type: 2, i: v.i };
  if ('f' in v) return { name, type: 1, f: v.f };
  if ('ints' in v) return { name, type: 7, ints: v.ints };
  if ('floats' in v) return { name, type: 6, floats: v.floats };
  return { name, type: 3, s: new TextEncoder().encode(v.s) };
}

const valueInfo = (name: string, dims: readonly Dim[], elemType: number): Record<string, unknown> => ({
  name,
  type: { tensor_type: { elem_type: elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
});

/**
 * Writes one ONNX graph node by node: unique value names, shared constants, float initializers as raw bytes.
 * Encodes with the committed ONNX schema (protobufjs), the same one the importer decodes with.
 */
export class OnnxEmitter {
  private readonly nodes: Array<Record<string, unknown>> = [];
  private readonly initializers: Array<Record<string, unknown>> = [];
  private readonly inputs: Array<Record<string, unknown>> = [];
  private readonly outputs: Array<Record<string, unknown>> = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;

  /** `reserved`: names that are taken by the caller (layer names), never handed out by {@link fresh}. */
  constructor(
    private readonly graphName: string,
    private readonly reserved: ReadonlySet<string>,
  ) {}

  /** A value name no other value has, built from `hint`. */
  fresh(hint: string): string {
    let name: string;
    do name = `${hint}#${this.counter++}`;
    while (this.reserved.has(name));
    return name;
  }

  /** Adds a node with `outputs` new values (or the names given) and returns their names. */
  node(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs: number | string[] = 1, hint = opType): string[] {
    const outs = typeof outputs === 'number' ? Array.from({ length: outputs }, () => this.fresh(hint)) : outputs;
    this.nodes.push({ op_type: opType, input: inputs, output: outs, attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)) });
    return outs;
  }

  /** {@link node} with a single output. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, hint = opType): string {
    return this.node(opType, inputs, attrs, 1, hint)[0]!;
  }

  /** A float32 initializer with the given name. */
  floats(name: string, dims: readonly number[], data: Float32Array): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (data.length !== expected) throw new Error(`initializer '${name}' has ${data.length} values, shape [${dims.join(',')}] needs ${expected}`);
    const copy = new Float32Array(data); // raw_data is little-endian float32, as Float32Array is on every platform Node runs on
    this.initializers.push({ name, dims: [...dims], data_type: FLOAT, raw_data: new Uint8Array(copy.buffer) });
    return name;
  }

  /** A shared float32 constant (scalars have dims []), written once however often it is asked for. */
  floatConst(values: readonly number[] | Float32Array, dims: readonly number[] = []): string {
    const key = `f${dims.join('x')}:${Array.from(values).join(',')}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.floats(this.fresh('const'), dims, Float32Array.from(values));
      this.constants.set(key, name);
    }
    return name;
  }

  /** A shared int64 constant (shapes, axes, indices); one-dimensional unless `dims` says otherwise. */
  int64Const(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const key = `i${dims.join('x')}:${values.join(',')}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.fresh('const');
      this.initializers.push({ name, dims: [...dims], data_type: INT64, int64_data: [...values] });
      this.constants.set(key, name);
    }
    return name;
  }

  input(name: string, dims: readonly Dim[], elemType = FLOAT): string {
    this.inputs.push(valueInfo(name, dims, elemType));
    return name;
  }

  /** Declares `value` a graph output; under another name, an Identity node renames it. */
  output(name: string, value: string, dims: readonly Dim[], elemType = FLOAT): void {
    if (value !== name) this.node('Identity', [value], {}, [name]);
    this.outputs.push(valueInfo(name, dims, elemType));
  }

  /** The serialized ModelProto. */
  encode(): Uint8Array {
    const message = {
      ir_version: 8,
      producer_name: 'branchscope',
      opset_import: [{ domain: '', version: GENERATED_OPSET }],
      graph: { name: this.graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
    return new Uint8Array(ModelProtoType.encode(ModelProtoType.fromObject(message)).finish());
  }
}
