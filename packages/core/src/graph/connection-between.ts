import type { Graph, GraphNode, OpKind } from './graph';
import { LayerPairError } from './layer-pair-error';
import { closeNames } from './close-names';
import { CHANNEL_PRESERVING_OPS } from './trace-producer';

/** Where `from`'s units land among `to`'s input channels: channels offset .. offset + units - 1. */
export interface Connection {
  offset: number;
  units: number;
}

/**
 * Ops that keep channel c as channel c. Add is included here (not in branch tracing): it sums its inputs channel
 * by channel, so a unit still reaches the same channel (this is how consecutive convs in residual networks connect).
 */
const CHANNEL_PRESERVING: ReadonlySet<OpKind> = new Set<OpKind>([...CHANNEL_PRESERVING_OPS, 'add']);

/**
 * How the output of layer `from` reaches the input of conv `to` when nothing but channel-preserving ops and
 * channel Concats lie between them. Throws a {@link LayerPairError} when a name is unknown, `to` is not a conv,
 * another conv or dense layer lies on the way, an unsupported op (e.g. flatten) lies on the way, `from` does not
 * reach `to` at all, or `from` reaches `to` at two different channel offsets.
 */
export function connectionBetween(graph: Graph, from: string, to: string): Connection {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const source = requireNode(graph, byName, from);
  const target = requireNode(graph, byName, to);
  const where = `${graph.name}: ${from} -> ${to}`;
  if (target.op !== 'conv') {
    throw new LayerPairError('not-conv', `${where}: ${to} is a ${target.op} layer, not a conv`);
  }
  const reached = downstreamOf(graph, source.name);
  if (!reached.has(to) || from === to) {
    throw new LayerPairError('not-connected', `${where}: the output of ${from} does not reach ${to}`);
  }

  const memo = new Map<string, Connection | undefined>();
  const trace = (name: string): Connection | undefined => {
    if (name === from) return { offset: 0, units: source.channels };
    if (!reached.has(name)) return undefined;
    if (memo.has(name)) return memo.get(name);
    const node = byName.get(name)!;
    let found: Connection | undefined;
    if (node.op === 'conv' || node.op === 'dense') {
      throw new LayerPairError('layer-between', `${where}: ${node.op} layer ${name} lies between them; pick consecutive layers`);
    } else if (node.op === 'concat' && (node.axis === undefined || node.axis === 1)) {
      let offset = 0;
      for (const input of node.inputs) {
        const inner = trace(input);
        if (inner) found = merge(where, name, found, { offset: offset + inner.offset, units: inner.units });
        offset += byName.get(input)!.channels;
      }
    } else if (CHANNEL_PRESERVING.has(node.op)) {
      for (const input of node.inputs) {
        const inner = trace(input);
        if (inner) found = merge(where, name, found, inner);
      }
    } else {
      const detail = node.op === 'concat' ? `concat on axis ${node.axis}` : node.op;
      throw new LayerPairError('unsupported-op', `${where}: ${name} (${detail}) lies between them and does not keep channels`);
    }
    memo.set(name, found);
    return found;
  };

  const found = trace(target.inputs[0] ?? '');
  if (!found) throw new LayerPairError('not-connected', `${where}: the output of ${from} does not reach ${to}'s input`);
  return found;
}

function merge(where: string, at: string, a: Connection | undefined, b: Connection): Connection {
  if (a && (a.offset !== b.offset || a.units !== b.units)) {
    throw new LayerPairError('ambiguous', `${where}: reaches ${at} at channel offsets ${a.offset} and ${b.offset}`);
  }
  return b;
}

function requireNode(graph: Graph, byName: Map<string, GraphNode>, name: string): GraphNode {
  const node = byName.get(name);
  if (node) return node;
  const hints = closeNames(name, [...byName.keys()]);
  throw new LayerPairError('unknown-layer', `${graph.name}: no layer named "${name}"; close names: ${hints.join(', ')}`);
}

/** Names of every node reachable forward from `start`, including it. */
function downstreamOf(graph: Graph, start: string): Set<string> {
  const consumers = new Map<string, string[]>();
  for (const node of graph.nodes) {
    for (const input of node.inputs) consumers.set(input, [...(consumers.get(input) ?? []), node.name]);
  }
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const next of consumers.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}
