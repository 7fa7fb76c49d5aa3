import { validateGraph, type Graph, type GraphNode } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import { convertLrnPattern, findLrnPatterns } from './convert-lrn-pattern';
import { CONVERTIBLE_OPS, convertNode } from './convert-node';
import type { Converter } from './converter';
import { layerNamer } from './layer-names';
import { OnnxImportError } from './onnx-import-error';
import type { OnnxModel, OnnxNode } from './onnx-model';
import { onnxWeightSource, type LayerParams } from './onnx-weight-source';

export interface OnnxToGraphOptions {
  /** Graph name; default the ONNX graph's name. */
  name?: string;
  /** Value range the model expects its input in (ONNX does not record it); default [0, 1]. */
  inputRange?: [number, number];
}

export interface OnnxGraphConversion {
  graph: Graph;
  weights: WeightSource;
  /** For each graph layer, the ONNX tensor it stands for. */
  layerTensors: ReadonlyMap<string, string>;
}

const STILL_RUNS = 'the ONNX model itself still runs with createOnnxRunner';

function notConvertible(problem: string): never {
  throw new OnnxImportError('NOT_CONVERTIBLE', `${problem}; branchscope's layer graph cannot represent it (${STILL_RUNS})`);
}

/** One node the layer graph cannot hold, thrown by a converter and collected by onnxToGraph. */
class NodeFailure extends Error {
  constructor(
    readonly node: OnnxNode,
    readonly problem: string,
  ) {
    super(`${node.label} ${problem}`);
  }
}

/**
 * One NOT_CONVERTIBLE error for every node that failed, grouped by operator with its count and its first node:
 * `Transpose x16 (first Transpose '/t': transposes [0, 2, 1, 3]...)`.
 */
function refuse(failures: NodeFailure[]): never {
  if (failures.length === 1) {
    const [f] = failures as [NodeFailure];
    throw new OnnxImportError('NOT_CONVERTIBLE', `${f.message}; branchscope's layer graph cannot represent it (${STILL_RUNS})`, { node: f.node.label, ops: [{ opType: f.node.opType, nodes: [f.node.label] }] });
  }
  const groups = new Map<string, NodeFailure[]>();
  for (const f of failures) groups.set(f.node.opType, [...(groups.get(f.node.opType) ?? []), f]);
  const list = [...groups].map(([op, fs]) => `${op} x${fs.length} (first ${fs[0]!.message})`);
  throw new OnnxImportError('NOT_CONVERTIBLE', `${failures.length} nodes have no equivalent in branchscope's layer graph: ${list.join('; ')} (${STILL_RUNS})`, {
    node: failures[0]!.node.label,
    ops: [...groups].map(([opType, fs]) => ({ opType, nodes: fs.map((f) => f.node.label) })),
  });
}

/**
 * Maps an ONNX model onto branchscope's layer graph: one graph node per Conv, ReLU, Clip, Sigmoid, HardSigmoid,
 * HardSwish, SiLU (Sigmoid times its input), LRN, pool, ReduceMean over space, Concat, Add/Sum, gate (Mul by a
 * per-channel tensor), constant scale and shift (Add/Sub/Mul/Div by constants), BatchNormalization, Gemm/MatMul
 * (dense), Flatten/Reshape-to-vector, channel Gather/Slice/Split, channel shuffle (Reshape, Transpose, Reshape),
 * Dropout and Softmax; PyTorch's local_response_norm, exported as a dozen small ops, folds into one LRN (see
 * findLrnPatterns). Constants fold (Identity, Constant, shape arithmetic on static shapes, zero Pads into the Conv
 * or AveragePool after them, a bias Add into its Conv). Needs one NCHW float input with static C, H and W. Throws one
 * NOT_CONVERTIBLE error listing every node that has no graph equivalent, grouped by operator.
 */
export function onnxToGraph(model: OnnxModel, options: OnnxToGraphOptions = {}): OnnxGraphConversion {
  if (model.inputs.length !== 1) notConvertible(`the model has ${model.inputs.length} fed inputs (${model.inputs.map((i) => i.name).join(', ')}), not one image input`);
  const input = model.inputs[0]!;
  const shape = model.info.get(input.name)?.shape;
  if (input.dtype !== 'float32' || !shape || shape.length !== 4) {
    notConvertible(`input '${input.name}' is ${input.dtype} [${(input.dims ?? []).join(', ')}], not a float [N, C, H, W] image with static C, H, W (pass inputShapes)`);
  }
  const nodes: GraphNode[] = [{ name: input.name, op: 'input', inputs: [], channels: shape[1]! }];
  const params = new Map<string, LayerParams>();
  const layerTensors = new Map<string, string>([[input.name, input.name]]);
  const activations = new Map<string, string>([[input.name, input.name]]);
  const consumers = new Map<string, OnnxNode[]>();
  for (const n of model.nodes) for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  const nameOf = layerNamer(model);

  const converter: Converter = {
    model,
    activations,
    consumers,
    pads: new Map(),
    fused: new Map(),
    squeezed: new Set(),
    views: new Map(),
    fail(problem, node) {
      if (!node) return notConvertible(problem);
      throw new NodeFailure(node, problem);
    },
    shape(tensor, node) {
      return model.info.get(tensor)?.shape ?? converter.fail(`has no static shape for '${tensor}'`, node);
    },
    push(node, layer, p, push = {}) {
      const output = push.output ?? 0;
      const { name, rawName } = nameOf(node, output, push.name);
      const tensor = node.outputs[output]!;
      const channels = push.channels ?? converter.shape(tensor, node)[1] ?? 1;
      nodes.push({ ...layer, name, ...(rawName ? { rawName } : {}), channels });
      if (p) params.set(name, p);
      activations.set(tensor, name);
      layerTensors.set(name, tensor);
    },
    alias(node, from) {
      activations.set(node.outputs[0]!, activations.get(from)!);
    },
    foldBias(node, layer, bias) {
      const last = nodes[nodes.length - 1]!;
      const p = params.get(layer);
      const readers = consumers.get(layerTensors.get(layer) ?? '') ?? [];
      const biasFree = (last.op === 'conv' && !last.conv!.bias) || (last.op === 'dense' && model.nodes.some((n) => n.opType === 'MatMul' && n.outputs[0] === layerTensors.get(layer)));
      if (last.name !== layer || !p || p.op === 'batchnorm' || readers.length !== 1 || !biasFree) return false;
      if (last.conv) last.conv = { ...last.conv, bias: true };
      params.set(layer, { ...p, bias: () => bias });
      activations.set(node.outputs[0]!, layer);
      layerTensors.set(layer, node.outputs[0]!);
      return true;
    },
  };
  const live = (t: string): boolean => activations.has(t) || converter.pads.has(t) || converter.fused.has(t) || converter.views.has(t);
  const failures: NodeFailure[] = [];
  const poisoned = new Set<string>();
  // Subgraphs that stand for one layer (PyTorch's local_response_norm) are folded at their last node.
  const lrnPatterns = findLrnPatterns(model, consumers);
  const absorbed = new Set([...lrnPatterns.values()].flatMap((p) => p.nodes.map((n) => n.index)));
  for (const node of model.nodes) {
    if (absorbed.has(node.index) || node.outputs.every((o) => o === '' || model.values.has(o))) continue;
    if (node.inputs.some((i) => poisoned.has(i))) {
      // Downstream of a failure: only an operator with no equivalent at all is worth naming too.
      for (const o of node.outputs) poisoned.add(o);
      if (!CONVERTIBLE_OPS.has(node.opType)) failures.push(new NodeFailure(node, 'has no graph equivalent'));
      continue;
    }
    if (!node.inputs.some(live)) continue;
    try {
      const lrn = lrnPatterns.get(node.index);
      if (lrn) convertLrnPattern(converter, lrn);
      else convertNode(converter, node);
    } catch (err) {
      if (!(err instanceof NodeFailure)) throw err;
      failures.push(err);
      for (const o of node.outputs) poisoned.add(o);
    }
  }
  if (failures.length > 0) refuse(failures);
  const outputName = model.outputs[0]?.name ?? '';
  const output = activations.get(outputName) ?? notConvertible(`graph output '${outputName}' does not depend on the input`);
  const graph: Graph = { name: options.name ?? (model.graphName || 'ONNX model'), inputShape: [shape[1]!, shape[2]!, shape[3]!], inputRange: options.inputRange ?? [0, 1], nodes, output };
  try {
    validateGraph(graph);
  } catch (err) {
    notConvertible(`the converted graph is inconsistent: ${(err as Error).message}`);
  }
  return { graph, weights: onnxWeightSource(graph.name, params), layerTensors };
}
