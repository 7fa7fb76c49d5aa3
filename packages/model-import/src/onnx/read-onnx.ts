import { readAttribute } from './attributes';
import { inferModel } from './infer-model';
import { OnnxImportError, type UnsupportedOp } from './onnx-import-error';
import { DEFAULT_ONNX_LIMITS, formatBytes, type OnnxLimits } from './onnx-limits';
import type { OnnxAttribute, OnnxGraphBody, OnnxModel, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnx-model';
import { decodeMessage, int64, ModelProtoType } from './onnx-proto';
import { ONNX_OPS, ONNX_OPSET_RANGE } from './ops/registry';
import type { GraphProtoMessage, ModelProtoMessage, NodeProtoMessage, ValueInfoProtoMessage } from './proto-messages';
import { checkedElementCount, readTensorProto, runtimeDtype, type TensorProtoMessage } from './tensor-proto';

export interface ReadOnnxOptions {
  limits?: Partial<OnnxLimits>;
  /** Concrete shapes for inputs with symbolic dims, e.g. `{ data: [1, 3, 224, 224] }`. A symbolic first (batch) dim defaults to 1. */
  inputShapes?: Record<string, number[]>;
}

const DEFAULT_DOMAINS = new Set(['', 'ai.onnx']);

function labelOf(n: NodeProtoMessage, index: number): string {
  const op = n.op_type || '(no op_type)';
  return n.name ? `${op} '${n.name}'` : `${op} #${index} (output ${n.output?.[0] || '?'})`;
}

function defaultOpset(m: ModelProtoMessage): number {
  const entry = (m.opset_import ?? []).find((o) => DEFAULT_DOMAINS.has(o.domain ?? ''));
  if (!entry) throw new OnnxImportError('UNSUPPORTED_OPSET', 'the model imports no version of the default ONNX operator set (ai.onnx)');
  const version = int64(entry.version, 'the opset version');
  const [lo, hi] = ONNX_OPSET_RANGE;
  if (version < lo || version > hi) throw new OnnxImportError('UNSUPPORTED_OPSET', `the model uses ONNX opset ${version}; supported opsets are ${lo} to ${hi}`);
  return version;
}

function unsupportedOps(nodes: NodeProtoMessage[]): UnsupportedOp[] {
  const byType = new Map<string, string[]>();
  const visit = (list: NodeProtoMessage[], where: string): void =>
    list.forEach((n, i) => {
      const domain = n.domain ?? '';
      const label = where === '' ? labelOf(n, i) : `${n.op_type || '(no op_type)'} ${n.name ? `'${n.name}'` : `#${i}`} in ${where}`;
      for (const a of n.attribute ?? []) if (a.g) visit((a.g as GraphProtoMessage).node ?? [], `${a.name ?? 'a graph'} of ${label}`);
      const supported = DEFAULT_DOMAINS.has(domain) && ONNX_OPS.has(n.op_type ?? '');
      if (supported) return;
      const type = DEFAULT_DOMAINS.has(domain) ? n.op_type || '(no op_type)' : `${domain}:${n.op_type}`;
      byType.set(type, [...(byType.get(type) ?? []), label]);
    });
  visit(nodes, '');
  return [...byType].map(([opType, users]) => ({ opType, nodes: users }));
}

/** Every node in `nodes` and in their graph attributes, at any depth. */
function countNodes(nodes: NodeProtoMessage[]): number {
  return nodes.reduce((n, node) => n + 1 + (node.attribute ?? []).reduce((m, a) => m + (a.g ? countNodes((a.g as GraphProtoMessage).node ?? []) : 0), 0), 0);
}

const has = (message: object | null | undefined, field: string): boolean => !!message && Object.prototype.hasOwnProperty.call(message, field);

/** A graph input or output. Outputs may leave their type out (it is inferred); inputs may not. */
function valueInfo(v: ValueInfoProtoMessage, what: 'input' | 'output', limits: OnnxLimits, override?: number[]): OnnxValueInfo {
  const name = v.name ?? '';
  const tensor = v.type?.tensor_type;
  const typed = ['tensor_type', 'sequence_type', 'map_type', 'optional_type', 'sparse_tensor_type'].some((f) => has(v.type, f));
  if (!typed && what === 'output') return { name, dtype: 'float32', dims: undefined };
  if (!tensor) throw new OnnxImportError('UNSUPPORTED_FEATURE', `${what} '${name}' is not a dense tensor (sequences, maps, optionals and sparse tensors are not supported)`, { tensor: name });
  const { dtype, type } = runtimeDtype(tensor.elem_type, `${what} '${name}'`);
  // A dim with neither field set is unknown; protobufjs would report the default 0 for dim_value.
  let dims = tensor.shape
    ? (tensor.shape.dim ?? []).map((d, i) => (has(d, 'dim_param') && d.dim_param ? d.dim_param : has(d, 'dim_value') ? int64(d.dim_value, `dim ${i} of ${what} '${name}'`) : undefined))
    : undefined;
  if (override) dims = [...override];
  if (dims && dims.every((d) => typeof d === 'number')) checkedElementCount(dims as number[], type.bytes, limits, `${what} '${name}'`);
  return { name, dtype, dims };
}

/**
 * Decodes and validates an ONNX file for the interpreter: checks the opset, lists every unsupported operator at
 * once, reads the initializers under the size limits, checks the graph's wiring and infers each tensor's type and
 * static shape, so that weights inconsistent with their nodes are refused here, naming the node and tensor.
 * Throws only OnnxImportError.
 */
export function readOnnx(bytes: Uint8Array, options: ReadOnnxOptions = {}): OnnxModel {
  return onnxModelFromProto(decodeMessage<ModelProtoMessage>(ModelProtoType, bytes, 'the file'), options);
}

/**
 * {@link readOnnx} after decoding: validates a decoded ModelProto. `ownsRawData`: the initializers' raw_data is
 * memory of the reader's own (`readOnnxFile`), used in place rather than copied.
 */
export function onnxModelFromProto(m: ModelProtoMessage, options: ReadOnnxOptions = {}, ownsRawData = false): OnnxModel {
  const limits: OnnxLimits = { ...DEFAULT_ONNX_LIMITS, ...options.limits };
  const g = m.graph;
  if (!g || ((g.node?.length ?? 0) === 0 && (g.output?.length ?? 0) === 0)) {
    throw new OnnxImportError('NOT_ONNX', 'the file decodes but holds no ONNX graph (is it an .onnx model?)');
  }
  const opset = defaultOpset(m);
  const protoNodes = g.node ?? [];
  const nodeCount = countNodes(protoNodes);
  if (nodeCount > limits.maxNodes) throw new OnnxImportError('TOO_LARGE', `the graph has ${nodeCount} nodes, over the limit of ${limits.maxNodes}`);
  const unsupported = unsupportedOps(protoNodes);
  if (unsupported.length > 0) {
    const list = unsupported.map((u) => `${u.opType} x${u.nodes.length} (${u.nodes.slice(0, 5).join(', ')}${u.nodes.length > 5 ? `, and ${u.nodes.length - 5} more` : ''})`);
    throw new OnnxImportError('UNSUPPORTED_OPS', `unsupported operators: ${list.join('; ')}`, { ops: unsupported });
  }
  if ((g.sparse_initializer?.length ?? 0) > 0) throw new OnnxImportError('UNSUPPORTED_FEATURE', 'the graph has sparse initializers');

  const initializers = new Map<string, OnnxTensor>();
  let total = 0;
  const addInitializers = (list: TensorProtoMessage[]): void => {
    for (const t of list) {
      const name = t.name ?? '';
      if (initializers.has(name)) throw new OnnxImportError('BAD_GRAPH', `initializer '${name}' is defined twice`, { tensor: name });
      const tensor = readTensorProto(t, `initializer '${name}'`, limits, ownsRawData);
      total += tensor.data.byteLength;
      if (total > limits.maxTotalBytes) throw new OnnxImportError('TOO_LARGE', `the initializers exceed the ${formatBytes(limits.maxTotalBytes)} limit at '${name}'`, { tensor: name });
      initializers.set(name, tensor);
    }
  };
  addInitializers(g.initializer ?? []);
  const inputs = (g.input ?? [])
    .filter((v) => !initializers.has(v.name ?? ''))
    .map((v) => valueInfo(v, 'input', limits, options.inputShapes?.[v.name ?? '']));
  const outputs = (g.output ?? []).map((v) => valueInfo(v, 'output', limits));
  let nextIndex = protoNodes.length;
  const readNodes = (list: NodeProtoMessage[], where: string, first: number | undefined): OnnxNode[] =>
    list.map((n, i) => {
      const index = first !== undefined ? first + i : nextIndex++;
      const label = where === '' ? labelOf(n, index) : n.name ? `${n.op_type || '(no op_type)'} '${n.name}'` : `${n.op_type || '(no op_type)'} (output ${n.output?.[0] || '?'}) in ${where}`;
      const attributes = new Map<string, OnnxAttribute>();
      const captures: string[] = [];
      for (const a of n.attribute ?? []) {
        const name = a.name ?? '';
        if (a.g && (a.type === 5 || !a.type)) {
          const body = readBody(a.g as GraphProtoMessage, `${name} of ${label}`);
          for (const t of body.captures) if (!captures.includes(t)) captures.push(t);
          attributes.set(name, { kind: 'graph', value: body });
        } else {
          attributes.set(name, readAttribute(a, label, limits));
        }
      }
      const inputs = [...(n.input ?? [])];
      // Enclosing-scope tensors that the node's graphs read become inputs of the node, after its own.
      for (const t of captures) if (!inputs.includes(t)) inputs.push(t);
      return { index, name: n.name ?? '', label, opType: n.op_type ?? '', inputs, outputs: [...(n.output ?? [])], attributes };
    });
  /** A graph attribute: its nodes, its initializers hoisted, and the outer tensors it reads. */
  const readBody = (graph: GraphProtoMessage, where: string): OnnxGraphBody => {
    addInitializers(graph.initializer ?? []);
    const nodes = readNodes(graph.node ?? [], where, undefined);
    const inputs = (graph.input ?? []).map((v) => v.name ?? '');
    const outputs = (graph.output ?? []).map((v) => v.name ?? '');
    const defined = new Set([...inputs, ...nodes.flatMap((n) => n.outputs)]);
    const read = [...nodes.flatMap((n) => n.inputs), ...outputs].filter((t) => t !== '' && !defined.has(t));
    return { name: graph.name ?? '', inputs, nodes, outputs, captures: [...new Set(read)] };
  };
  const nodes = readNodes(protoNodes, '', 0);
  const irVersion = int64(m.ir_version, 'ir_version');
  const base = { irVersion, opset, producer: m.producer_name ?? '', graphName: g.name ?? '', inputs, outputs, initializers, nodes };
  const { constants, values, info } = inferModel(base, limits);
  const typedOutputs = outputs.map((o) => ({ ...o, dtype: info.get(o.name)?.dtype ?? o.dtype }));
  return { ...base, outputs: typedOutputs, constants, values, info };
}
