import { OnnxImportError } from './onnx-import-error';
import type { OnnxLimits } from './onnx-limits';
import type { OnnxGraphBody, OnnxModel, OnnxNode, OnnxTensor, TensorInfo } from './onnx-model';
import { ifBranch } from './ops/control-flow';
import type { InferContext } from './ops/op-def';
import { ONNX_OPS } from './ops/registry';
import { foldValue } from './fold-values';
import { constantValue } from './ops/shape-ops';
import { checkedElementCount } from './tensor-proto';

type ModelBase = Omit<OnnxModel, 'constants' | 'values' | 'info'>;

function badGraph(problem: string, node: OnnxNode): never {
  throw new OnnxImportError('BAD_GRAPH', problem, { node: node.label });
}

/** An input's static shape: a symbolic batch (first) dim counts as 1; any other symbolic dim leaves the shape unknown. */
function inputShape(dims: Array<number | string | undefined> | undefined): number[] | undefined {
  if (!dims) return undefined;
  const shape = dims.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : undefined));
  return shape.every((d) => d !== undefined) ? (shape as number[]) : undefined;
}

/**
 * Walks the nodes in order, checking that each reads only tensors defined before it and defines each output once,
 * and lets each operator check its attributes and infer its outputs' types and static shapes. Constant nodes
 * (and Identity of constants) are evaluated, so that Reshape targets and Pad amounts are known; so is shape
 * arithmetic on static shapes (Shape, Gather, Concat... see foldValue), kept apart in `values` because it holds
 * only for the input shapes the model is read with.
 */
export function inferModel(
  model: ModelBase,
  limits: OnnxLimits,
): { constants: Map<string, OnnxTensor>; values: Map<string, OnnxTensor>; info: Map<string, TensorInfo> } {
  const info = new Map<string, TensorInfo>();
  const constants = new Map<string, OnnxTensor>(model.initializers);
  const values = new Map<string, OnnxTensor>(model.initializers);
  for (const t of model.initializers.values()) info.set(t.name, { dtype: t.dtype, shape: t.dims });
  for (const input of model.inputs) info.set(input.name, { dtype: input.dtype, shape: inputShape(input.dims) });

  const inferNode = (node: OnnxNode): void => {
    const missing = node.inputs.find((name) => name !== '' && !info.has(name));
    if (missing !== undefined) {
      throw new OnnxImportError('BAD_GRAPH', `${node.label} reads '${missing}', which no earlier node, graph input or initializer produces`, { node: node.label, tensor: missing });
    }
    if (node.outputs.length === 0) throw new OnnxImportError('BAD_GRAPH', `${node.label} has no outputs`, { node: node.label });
    const def = ONNX_OPS.get(node.opType)!;
    const ctx: InferContext = {
      node,
      opset: model.opset,
      inputs: node.inputs.map((name) => (name === '' ? undefined : info.get(name))),
      consts: node.inputs.map((name) => values.get(name)),
      graph: (body) => inferBody(node, body),
    };
    const outs = def.infer(ctx);
    node.outputs.forEach((name, i) => {
      if (name === '') return;
      if (info.has(name)) throw new OnnxImportError('BAD_GRAPH', `${node.label} writes '${name}', which is already defined`, { node: node.label, tensor: name });
      const out = outs[i] ?? { dtype: 'float32' };
      if (out.shape) checkedElementCount(out.shape, 4, limits, `output '${name}' of ${node.label}`);
      info.set(name, out);
    });
    if (node.opType === 'Constant') constants.set(node.outputs[0]!, constantValue(node));
    const source = constants.get(node.inputs[0] ?? '');
    if (node.opType === 'Identity' && source) constants.set(node.outputs[0]!, { ...source, name: node.outputs[0]! });
    const value = constants.get(node.outputs[0] ?? '') ?? foldValue(ctx, outs[0]) ?? chosenValue(node, ctx);
    if (value) values.set(node.outputs[0]!, value);
  };
  /** Infers a graph attribute's nodes (once) and gives the types of its outputs. */
  const inferred = new Set<OnnxGraphBody>();
  const inferBody = (holder: OnnxNode, body: OnnxGraphBody): TensorInfo[] => {
    if (!inferred.has(body)) {
      inferred.add(body);
      body.nodes.forEach(inferNode);
    }
    return body.outputs.map((name) => info.get(name) ?? badGraph(`${holder.label}'s graph '${body.name}' yields '${name}', which none of its nodes produces`, holder));
  };
  /** An If's value when its condition is known at import and its chosen branch yields a known value. */
  const chosenValue = (node: OnnxNode, ctx: InferContext): OnnxTensor | undefined => {
    const branch = node.opType === 'If' ? ifBranch(ctx) : undefined;
    const value = branch && values.get(branch.outputs[0] ?? '');
    return value && { ...value, name: node.outputs[0]! };
  };

  for (const node of model.nodes) inferNode(node);
  for (const output of model.outputs) {
    if (!info.has(output.name)) throw new OnnxImportError('BAD_GRAPH', `graph output '${output.name}' is produced by no node, input or initializer`, { tensor: output.name });
  }
  return { constants, values, info };
}
