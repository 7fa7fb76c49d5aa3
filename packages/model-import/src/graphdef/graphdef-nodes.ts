import type { GraphDefNode } from '../tfjs-import/graph-def';
import { attrJson, type GraphDefMessage, type TensorMessage } from './graphdef-proto';
import { GraphDefImportError } from './graphdef-import-error';

/** A decoded GraphDef in the form the TF.js graph-model converter reads, with the Const nodes' tensors beside it. */
export interface GraphDefNodes {
  nodes: GraphDefNode[];
  /** Each Const node's `value` tensor, by node name, still undecoded (only the ones in use are read). */
  tensors: Map<string, TensorMessage>;
}

/**
 * Puts each node's attributes in TensorFlow's protobuf JSON form (what `tfjs-import/graph-def.ts` reads: strings in
 * base64, int64 as strings, types by name), except tensor attributes, which are kept as decoded so that weights
 * never pass through base64. Throws BAD_GRAPH for a nameless or duplicate node.
 */
export function graphDefNodes(message: GraphDefMessage): GraphDefNodes {
  const nodes: GraphDefNode[] = [];
  const tensors = new Map<string, TensorMessage>();
  const seen = new Set<string>();
  (message.node ?? []).forEach((n, index) => {
    const name = n.name ?? '';
    const op = n.op ?? '';
    if (name === '' || op === '') throw new GraphDefImportError('BAD_GRAPH', `node #${index} has no ${name === '' ? 'name' : 'op'}${name ? ` ('${name}')` : ''}`);
    if (seen.has(name)) throw new GraphDefImportError('BAD_GRAPH', `two nodes are named '${name}'`, { node: name, op });
    seen.add(name);
    const attr: NonNullable<GraphDefNode['attr']> = {};
    for (const [key, value] of Object.entries(n.attr ?? {})) {
      if (value.tensor) {
        if (op === 'Const' && key === 'value') tensors.set(name, value.tensor);
      } else {
        attr[key] = attrJson(value);
      }
    }
    nodes.push({ name, op, input: [...(n.input ?? [])], attr });
  });
  return { nodes, tensors };
}
