import type { Graph, GraphNode, OpKind } from './graph';
import { LayerPairError } from './layer-pair-error';
import { closeNames } from './close-names';
import { CHANNEL_PRESERVING_OPS } from './trace-producer';

/**
 * Where `from`'s units land among `to`'s input channels: channels offset .. offset + units - 1, unless `channels`
 * says otherwise.
 */
export interface Connection {
  offset: number;
  units: number;
  /**
   * Only where a channel select (a split, slice or shuffle) lies between: for each unit of `from`, the input channel
   * of `to` it lands on, or -1 where it does not reach `to`. `offset` is then the least of them.
   */
  channels?: number[];
}

/** For each unit of `from`, the channel it occupies in some node's output, or -1 where it is not there. */
type UnitMap = number[];

/**
 * Ops that keep channel c as channel c. Add is included here (not in branch tracing): it sums its inputs channel
 * by channel, so a unit still reaches the same channel (this is how consecutive convs in residual networks connect).
 */
const CHANNEL_PRESERVING: ReadonlySet<OpKind> = new Set<OpKind>([...CHANNEL_PRESERVING_OPS, 'add']);

/**
 * How the output of layer `from` reaches the input of conv `to` when nothing but channel-preserving ops, channel
 * Concats, channel selects and gates (followed along the stream they multiply, not through the gate) lie between
 * them. Throws a {@link LayerPairError} when a name is unknown, `to` is not a conv, another conv or dense layer lies
 * on the way, an unsupported op (e.g. flatten) lies on the way, `from` does not reach `to` at all, or one unit of
 * `from` reaches `to` at two different channels.
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

  const memo = new Map<string, UnitMap | undefined>();
  const trace = (name: string): UnitMap | undefined => {
    if (name === from) return Array.from({ length: source.channels }, (_, u) => u);
    if (!reached.has(name)) return undefined;
    if (memo.has(name)) return memo.get(name);
    const node = byName.get(name)!;
    let found: UnitMap | undefined;
    const join = (map: UnitMap | undefined): void => {
      if (map) found = merge(where, name, found, map);
    };
    if (node.op === 'conv' || node.op === 'dense') {
      throw new LayerPairError('layer-between', `${where}: ${node.op} layer ${name} lies between them; pick consecutive layers`);
    } else if (node.op === 'concat' && (node.axis === undefined || node.axis === 1)) {
      let offset = 0;
      for (const input of node.inputs) {
        join(trace(input)?.map((c) => (c < 0 ? c : c + offset)));
        offset += byName.get(input)!.channels;
      }
    } else if (node.op === 'mul') {
      join(trace(node.inputs[0]!));
    } else if (node.op === 'select') {
      join(selected(where, node, trace(node.inputs[0]!)));
    } else if (CHANNEL_PRESERVING.has(node.op)) {
      for (const input of node.inputs) join(trace(input));
    } else {
      const detail = node.op === 'concat' ? `concat on axis ${node.axis}` : node.op;
      throw new LayerPairError('unsupported-op', `${where}: ${name} (${detail}) lies between them and does not keep channels`);
    }
    memo.set(name, found);
    return found;
  };

  const found = trace(target.inputs[0] ?? '');
  const landed = found?.filter((c) => c >= 0) ?? [];
  if (!found || landed.length === 0) throw new LayerPairError('not-connected', `${where}: the output of ${from} does not reach ${to}'s input`);
  const offset = Math.min(...landed);
  const contiguous = found.every((c, u) => c === offset + u);
  return contiguous ? { offset, units: found.length } : { offset, units: found.length, channels: found };
}

/** Where the units of a select's input land in its output; a unit picked twice has no single channel. */
function selected(where: string, node: GraphNode, inner: UnitMap | undefined): UnitMap | undefined {
  if (!inner) return undefined;
  const outputOf = new Map<number, number>();
  const twice = new Set<number>();
  (node.select ?? []).forEach((input, output) => (outputOf.has(input) ? twice.add(input) : outputOf.set(input, output)));
  return inner.map((c, u) => {
    if (c < 0 || !outputOf.has(c)) return -1;
    if (twice.has(c)) throw new LayerPairError('ambiguous', `${where}: ${node.name} copies unit ${u} to more than one channel`);
    return outputOf.get(c)!;
  });
}

function merge(where: string, at: string, a: UnitMap | undefined, b: UnitMap): UnitMap {
  if (!a) return b;
  return a.map((c, u) => {
    const d = b[u]!;
    if (c >= 0 && d >= 0 && c !== d) throw new LayerPairError('ambiguous', `${where}: reaches ${at} at channel offsets ${c - u} and ${d - u}`);
    return c >= 0 ? c : d;
  });
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
