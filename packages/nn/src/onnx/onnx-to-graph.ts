import { validateGraph, type Graph, type GraphNode } from '@branchscope/core';
import type { WeightSource } from '../weights/weight-source';
import { convertNode, type Converter } from './convert-node';
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

function notConvertible(problem: string, node?: OnnxNode): never {
  throw new OnnxImportError(
    'NOT_CONVERTIBLE',
    `${node ? `${node.label} ` : ''}${problem}; branchscope's layer graph cannot represent it (the ONNX model itself still runs with createOnnxRunner)`,
    node ? { node: node.label } : {},
  );
}

/**
 * Maps an ONNX model onto branchscope's layer graph: one graph node per Conv, ReLU, LRN, pool, Concat, Add/Sum,
 * BatchNormalization, Gemm/MatMul (dense), Flatten/Reshape-to-vector, Dropout and Softmax, with constants folded
 * (Identity, Constant, zero Pad before a Conv, Clip(0, inf) as ReLU). Needs one NCHW float input with static
 * C, H and W. Throws NOT_CONVERTIBLE naming the first node that has no graph equivalent.
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
    fail: notConvertible,
    shape(tensor, node) {
      return model.info.get(tensor)?.shape ?? notConvertible(`has no static shape for '${tensor}'`, node);
    },
    push(node, layer, p) {
      const name = nameOf(node);
      const out = converter.shape(node.outputs[0]!, node);
      nodes.push({ ...layer, name, channels: out[1] ?? 1 });
      if (p) params.set(name, p);
      activations.set(node.outputs[0]!, name);
      layerTensors.set(name, node.outputs[0]!);
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
  for (const node of model.nodes) {
    if (node.inputs.every((i) => i === '' || (!activations.has(i) && !converter.pads.has(i)))) continue;
    convertNode(converter, node);
  }
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
