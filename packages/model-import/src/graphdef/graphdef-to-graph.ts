import type { Graph } from '@branchscope/core';
import { DEFAULT_INPUT_RANGE, imageInputShape } from '../tfjs-import/convert-options';
import { dataInputs, placeholderShape, type GraphDefNode } from '../tfjs-import/graph-def';
import { convertGraphOp } from '../tfjs-import/graph-op';
import { ImportBuilder } from '../tfjs-import/import-builder';
import { TfjsImportError, type TfjsImportErrorCode } from '../tfjs-import/tfjs-import-error';
import { walkGraph } from '../tfjs-import/walk-graph';
import type { WeightSource } from '@branchscope/runtime';
import { GraphDefImportError, type GraphDefImportErrorCode } from './graphdef-import-error';
import type { GraphDefNodes } from './graphdef-nodes';
import { convertGraphDefOp } from './graphdef-ops';
import { chooseOutput, topologicalOrder } from './graphdef-order';
import { checkGraphDefSupport, GRAPHDEF_ONLY_OPS } from './graphdef-support';
import { tensorValue } from './tensor-value';

export interface GraphDefToGraphOptions {
  /** Graph name; default `GraphDef`. */
  name?: string;
  /** Value range the model expects its input pixels in (a GraphDef does not say); default [0, 1]. */
  inputRange?: [number, number];
  /** [height, width] where the input Placeholder leaves them open; default 224 x 224 (ImageNet models, Lucid's). */
  imageSize?: [number, number];
  /** The node to import up to (`name` or `name:0`); by default the sink that depends on the most nodes. */
  output?: string;
}

export const DEFAULT_GRAPHDEF_IMAGE_SIZE: [number, number] = [224, 224];

/** The codes the shared builder and op converter raise, in GraphDef terms; the file-level ones cannot occur here. */
const CODES: Partial<Record<TfjsImportErrorCode, GraphDefImportErrorCode>> = {
  'invalid-model-json': 'BAD_GRAPH',
  'missing-weight': 'BAD_GRAPH',
  unsupported: 'NOT_CONVERTIBLE',
  'shape-mismatch': 'BAD_SHAPE',
};

const LABEL = 'GraphDef';

function translated(err: TfjsImportError): GraphDefImportError {
  const message = err.message.startsWith(`${LABEL}: `) ? err.message.slice(LABEL.length + 2) : err.message;
  const site = /op '([^']+)' \(([^)]+)\)/.exec(message);
  return new GraphDefImportError(CODES[err.code] ?? 'BAD_GRAPH', message, site ? { node: site[1], op: site[2] } : {});
}

/** Follows Identity nodes from `name` to a Const; undefined when the chain ends elsewhere. */
function constNode(byName: ReadonlyMap<string, GraphDefNode>, name: string): GraphDefNode | undefined {
  let node = byName.get(name);
  for (let hops = 0; node?.op === 'Identity' && hops < byName.size; hops++) node = byName.get(dataInputs(node)[0]?.node ?? '');
  return node?.op === 'Const' ? node : undefined;
}

/**
 * The Placeholder's [height, width, channels]: as declared, else channels from the kernel of the first conv that
 * reads it and height and width from `imageSize` (Lucid's InceptionV1 declares no shape).
 */
function inputShape(node: GraphDefNode, order: readonly GraphDefNode[], nodes: GraphDefNodes, byName: ReadonlyMap<string, GraphDefNode>, imageSize: [number, number]): [number, number, number] {
  const dtype = node.attr?.dtype?.type;
  if (dtype !== undefined && dtype !== 'DT_FLOAT') throw new GraphDefImportError('UNSUPPORTED_DTYPE', `input '${node.name}' (Placeholder) is ${dtype}; only DT_FLOAT inputs are imported`, { node: node.name, op: node.op });
  const dims = [...(placeholderShape(node) ?? [-1, -1, -1, -1])];
  if (dims.length === 4 && dims[3]! < 0) {
    const conv = order.find((n) => n.op.includes('Conv2D') && dataInputs(n)[0]?.node === node.name);
    const kernel = conv && constNode(byName, dataInputs(conv)[1]?.node ?? '');
    const shape = kernel && nodes.tensors.get(kernel.name)?.tensorShape?.dim;
    if (shape?.length === 4) dims[3] = Number(shape[2]!.size ?? -1);
  }
  const hwc = imageInputShape(dims, imageSize);
  if (typeof hwc === 'string') throw new GraphDefImportError('NOT_CONVERTIBLE', `input '${node.name}' (Placeholder) ${hwc}`, { node: node.name, op: node.op });
  return hwc;
}

/** The output's data path converted with the TF.js graph-model op converter (plus LRN and Concat), TF names kept. */
function convert(nodes: GraphDefNodes, options: GraphDefToGraphOptions): { graph: Graph; weights: WeightSource; output: string } {
  const byName = new Map(nodes.nodes.map((n) => [n.name, n]));
  const output = chooseOutput(nodes.nodes, byName, options.output);
  const order = topologicalOrder(byName, output);
  checkGraphDefSupport(order, output);

  const b = new ImportBuilder(LABEL);
  const out = walkGraph(b, order, output, {
    constantOf: (node, at) => tensorValue(nodes.tensors.get(node.name) ?? b.fail('missing-weight', at, 'has no tensor value'), `op '${node.name}' (Const)`),
    inputOf: (node, at) => b.input(at, inputShape(node, order, nodes, byName, options.imageSize ?? DEFAULT_GRAPHDEF_IMAGE_SIZE)),
    convert: (ctx, node) => (GRAPHDEF_ONLY_OPS.has(node.op) ? convertGraphDefOp(ctx, node) : convertGraphOp(ctx, node)),
    notConstant: (ref) => `needs '${ref.node}' to be a constant (a weight), but it is computed`,
    notComputed: (ref) => `reads the constant '${ref.node}' where it needs a computed tensor`,
  });
  const { graph, weights } = b.finish(options.name ?? LABEL, { name: output, label: `output op '${output}'` }, out, options.inputRange ?? DEFAULT_INPUT_RANGE);
  return { graph, weights, output };
}

/**
 * Converts decoded GraphDef nodes to a core graph with its weights (NCHW / OIHW), TF names kept; throws only
 * GraphDefImportError (the shared TF.js converter's errors are translated).
 */
export function graphDefToGraph(nodes: GraphDefNodes, options: GraphDefToGraphOptions = {}): { graph: Graph; weights: WeightSource; output: string } {
  try {
    return convert(nodes, options);
  } catch (err) {
    if (err instanceof TfjsImportError) throw translated(err);
    throw err;
  }
}
