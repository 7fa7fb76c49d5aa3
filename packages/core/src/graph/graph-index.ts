import type { Graph, GraphNode } from './graph';

/** Lookup tables over a graph, built once and shared by the graph utilities. */
export interface GraphIndex {
  graph: Graph;
  byName: ReadonlyMap<string, GraphNode>;
  /** Topological position of each node (its index in `graph.nodes`). */
  position: ReadonlyMap<string, number>;
  /** Names of the nodes that read each node's output, in topological order. */
  consumers: ReadonlyMap<string, readonly string[]>;
}

/**
 * Builds name, position and consumer tables for a graph.
 * Throws when two nodes share a name, since every lookup would then be ambiguous.
 */
export function graphIndex(graph: Graph): GraphIndex {
  const byName = new Map<string, GraphNode>();
  const position = new Map<string, number>();
  const consumers = new Map<string, string[]>();
  graph.nodes.forEach((node, i) => {
    if (byName.has(node.name)) {
      throw new Error(`graph "${graph.name}": node name "${node.name}" is used twice (positions ${position.get(node.name)} and ${i})`);
    }
    byName.set(node.name, node);
    position.set(node.name, i);
    consumers.set(node.name, []);
  });
  for (const node of graph.nodes) {
    for (const input of node.inputs) consumers.get(input)?.push(node.name);
  }
  return { graph, byName, position, consumers };
}

/** The node called `name`; throws naming the graph and the missing node. */
export function nodeOf(index: GraphIndex, name: string): GraphNode {
  const node = index.byName.get(name);
  if (!node) throw new Error(`graph "${index.graph.name}": no node named "${name}"`);
  return node;
}

/** Number of nodes that read `name`'s output. */
export function consumerCount(index: GraphIndex, name: string): number {
  return index.consumers.get(name)?.length ?? 0;
}
