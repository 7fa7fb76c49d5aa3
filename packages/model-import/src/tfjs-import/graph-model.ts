import type { Graph } from '@branchscope/core';
import type { WeightSource } from '@branchscope/runtime';
import { DEFAULT_INPUT_RANGE, imageInputShape, type TfjsImportOptions } from './convert-options';
import { dataInputs, parseInputRef, placeholderShape, type GraphDefNode } from './graph-def';
import { convertGraphOp } from './graph-op';
import { unsupportedGraphOps } from './graph-op-support';
import { ImportBuilder } from './import-builder';
import type { TfjsFolder } from './read-tfjs-folder';
import { TfjsImportError } from './tfjs-import-error';
import { walkGraph } from './walk-graph';

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
  const out = walkGraph(b, order, output, {
    constantOf: (node, at) => folder.weights.get(node.name) ?? b.fail('missing-weight', at, 'has no entry in the weights manifest'),
    inputOf: (node, at) => {
      const hwc = imageInputShape(placeholderShape(node) ?? [], options.imageSize);
      return typeof hwc === 'string' ? b.fail('unsupported', at, hwc) : b.input(at, hwc);
    },
    convert: convertGraphOp,
    notConstant: (ref) => `needs constant '${ref.node}', which is not a weight of the manifest`,
    notComputed: (ref) => `reads '${ref.node}' as a tensor, but it is a constant`,
  });
  return b.finish(options.name ?? name, { name: output, label: `output op '${output}'` }, out, options.inputRange ?? DEFAULT_INPUT_RANGE);
}
