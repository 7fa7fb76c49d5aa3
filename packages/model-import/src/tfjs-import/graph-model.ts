import type { Graph } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import { DEFAULT_INPUT_RANGE, imageInputShape, type TfjsImportOptions } from './convert-options';
import { dataInputs, parseInputRef, placeholderShape, type GraphDefNode, type InputRef } from './graph-def';
import { convertGraphOp, type GraphOpContext } from './graph-op';
import { unsupportedGraphOps } from './graph-op-support';
import { ImportBuilder } from './import-builder';
import type { RawWeight, TfjsFolder } from './read-tfjs-folder';
import type { Site, TfValue } from './tf-value';
import { TfjsImportError } from './tfjs-import-error';

type Json = Record<string, unknown>;

function graphNodes(json: Json, file: string): GraphDefNode[] {
  const nodes = (json.modelTopology as Json | undefined)?.node;
  const ok = Array.isArray(nodes) && nodes.every((n) => typeof n?.name === 'string' && typeof n?.op === 'string');
  if (!ok) throw new TfjsImportError('invalid-model-json', `${file}: modelTopology.node must be a list of nodes with a name and an op`);
  return nodes as GraphDefNode[];
}

/** The output node: the signature's single output, else the one op nothing reads. */
function outputNode(json: Json, nodes: readonly GraphDefNode[], file: string): string {
  const signature = (json.signature as Json | undefined)?.outputs as Record<string, { name?: string }> | undefined;
  const declared = signature ? Object.entries(signature).map(([key, v]) => parseInputRef(v?.name ?? key).node) : [];
  const read = new Set(nodes.flatMap((n) => dataInputs(n).map((r) => r.node)));
  const sinks = declared.length > 0 ? declared : nodes.filter((n) => !read.has(n.name) && !['Const', 'NoOp', 'Placeholder'].includes(n.op)).map((n) => n.name);
  if (sinks.length !== 1) throw new TfjsImportError('unsupported', `${file}: the graph has ${sinks.length} outputs (${sinks.join(', ')}); only single-output models are supported`);
  return sinks[0]!;
}

/** The nodes `output` depends on, each after its data inputs. */
function topologicalOrder(byName: Map<string, GraphDefNode>, output: string, file: string): GraphDefNode[] {
  const order: GraphDefNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, from: string): void => {
    const node = byName.get(name);
    if (!node) throw new TfjsImportError('invalid-model-json', `${file}: ${from} reads '${name}', which the graph does not define`);
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new TfjsImportError('invalid-model-json', `${file}: op '${name}' is part of a cycle`);
    state.set(name, 'visiting');
    dataInputs(node).forEach((r) => visit(r.node, `op '${name}'`));
    state.set(name, 'done');
    order.push(node);
  };
  visit(output, 'the model output');
  return order;
}

/** Converts a graph model (TF GraphDef JSON) to a graph and its weights, or throws a `TfjsImportError`. */
export function convertGraphModel(folder: TfjsFolder, name: string, options: TfjsImportOptions): { graph: Graph; weights: WeightSource } {
  const { file, json } = folder;
  const nodes = graphNodes(json, file);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const output = outputNode(json, nodes, file);
  const order = topologicalOrder(byName, output, file);
  const unsupported = unsupportedGraphOps(order);
  if (unsupported.length > 0) throw new TfjsImportError('unsupported', `${file}: ${unsupported.length} unsupported op(s):\n- ${unsupported.join('\n- ')}`);

  const b = new ImportBuilder(file);
  const values = new Map<string, TfValue>();
  const constants = new Map<string, RawWeight>();
  const readers = new Map<string, number>();
  order.forEach((n) => dataInputs(n).forEach((r) => readers.set(r.node, (readers.get(r.node) ?? 0) + 1)));
  const firstOutput = (ref: InputRef, at: Site): void => {
    if (ref.output !== 0) b.fail('unsupported', at, `reads output ${ref.output} of '${ref.node}'; only the first output of an op can be used`);
  };
  const ctx: GraphOpContext = {
    b,
    isConstant: (ref) => constants.has(ref.node),
    constant: (ref, at) => {
      firstOutput(ref, at);
      return constants.get(ref.node) ?? b.fail('missing-weight', at, `needs constant '${ref.node}', which is not a weight of the manifest`);
    },
    value: (ref, at) => {
      firstOutput(ref, at);
      return values.get(ref.node) ?? b.fail('unsupported', at, `reads '${ref.node}' as a tensor, but it is a constant`);
    },
    consumers: (node) => readers.get(node) ?? 0,
  };
  for (const node of order) {
    const at: Site = { name: node.name, label: `op '${node.name}' (${node.op})` };
    if (node.op === 'Const') {
      constants.set(node.name, folder.weights.get(node.name) ?? b.fail('missing-weight', at, 'has no entry in the weights manifest'));
    } else if (node.op === 'Identity') {
      const ref = dataInputs(node)[0]!;
      if (ctx.isConstant(ref)) constants.set(node.name, ctx.constant(ref, at));
      else values.set(node.name, ctx.value(ref, at));
    } else if (node.op === 'Placeholder') {
      const hwc = imageInputShape(placeholderShape(node) ?? [], options.imageSize);
      values.set(node.name, typeof hwc === 'string' ? b.fail('unsupported', at, hwc) : b.input(at, hwc));
    } else {
      values.set(node.name, convertGraphOp(ctx, node));
    }
  }
  const out = values.get(output) ?? b.fail('unsupported', { name: output, label: `output '${output}'` }, 'is a constant');
  return b.finish(options.name ?? name, { name: output, label: `output op '${output}'` }, out, options.inputRange ?? DEFAULT_INPUT_RANGE);
}
