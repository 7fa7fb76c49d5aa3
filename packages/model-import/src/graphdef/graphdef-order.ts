import { dataInputs, parseInputRef, type GraphDefNode } from '../tfjs-import/graph-def';
import { GraphDefImportError } from './graphdef-import-error';

/** Ops that end no data path: a graph's leftovers, never its output. */
const NOT_OUTPUTS = new Set(['Const', 'NoOp', 'Placeholder', 'Assert', 'SaveV2', 'RestoreV2']);

/** The names `output` depends on through data inputs, itself included; throws BAD_GRAPH for an undefined input. */
function ancestry(byName: ReadonlyMap<string, GraphDefNode>, output: string): Set<string> {
  const seen = new Set<string>([output]);
  const stack = [output];
  while (stack.length > 0) {
    const name = stack.pop()!;
    for (const ref of dataInputs(byName.get(name)!)) {
      if (!byName.has(ref.node)) throw new GraphDefImportError('BAD_GRAPH', `node '${name}' (${byName.get(name)!.op}) reads '${ref.node}', which the graph does not define`, { node: name, op: byName.get(name)!.op });
      if (!seen.has(ref.node)) {
        seen.add(ref.node);
        stack.push(ref.node);
      }
    }
  }
  return seen;
}

/**
 * The node whose value is the model's output: `requested` when given; else the only sink (an op no data input reads);
 * else, among several sinks, the one that depends on the most nodes, so that a classifier's main head wins over its
 * auxiliary heads (InceptionV1's softmax2 over softmax0 and softmax1) and over leftovers. A tie is refused, naming
 * the candidates.
 */
export function chooseOutput(nodes: readonly GraphDefNode[], byName: ReadonlyMap<string, GraphDefNode>, requested?: string): string {
  if (requested !== undefined) {
    const name = parseInputRef(requested).node;
    if (!byName.has(name)) throw new GraphDefImportError('BAD_GRAPH', `the requested output '${requested}' is not a node of the graph`);
    return name;
  }
  const read = new Set(nodes.flatMap((n) => dataInputs(n).map((r) => r.node)));
  const sinks = nodes.filter((n) => !read.has(n.name) && !NOT_OUTPUTS.has(n.op)).map((n) => n.name);
  if (sinks.length === 0) throw new GraphDefImportError('BAD_GRAPH', 'the graph has no op whose value nothing reads, so no output');
  if (sinks.length === 1) return sinks[0]!;
  const sizes = sinks.map((name) => ({ name, size: ancestry(byName, name).size })).sort((a, b) => b.size - a.size);
  if (sizes[0]!.size === sizes[1]!.size) {
    const tied = sizes.filter((s) => s.size === sizes[0]!.size).map((s) => `'${s.name}'`);
    throw new GraphDefImportError('BAD_GRAPH', `the graph has ${sinks.length} outputs and ${tied.join(', ')} depend on equally many nodes; name the output to import`);
  }
  return sizes[0]!.name;
}

/** The nodes `output` depends on, each after its data inputs; throws BAD_GRAPH for a cycle or an undefined input. */
export function topologicalOrder(byName: ReadonlyMap<string, GraphDefNode>, output: string): GraphDefNode[] {
  ancestry(byName, output);
  const order: GraphDefNode[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: Array<{ name: string; next: number }> = [{ name: output, next: 0 }];
  state.set(output, 'open');
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = byName.get(top.name)!;
    const inputs = dataInputs(node);
    if (top.next === inputs.length) {
      stack.pop();
      state.set(top.name, 'done');
      order.push(node);
      continue;
    }
    const child = inputs[top.next++]!.node;
    if (state.get(child) === 'open') throw new GraphDefImportError('BAD_GRAPH', `node '${child}' (${byName.get(child)!.op}) is part of a cycle`, { node: child, op: byName.get(child)!.op });
    if (state.get(child) === undefined) {
      state.set(child, 'open');
      stack.push({ name: child, next: 0 });
    }
  }
  return order;
}
