import { createHash } from 'node:crypto';
import type { Graph } from '@branchscope/core';

/** sha256 of the graph's structure, so a checkpoint is never resumed into a different graph. */
export function graphHash(graph: Graph): string {
  const { name, inputShape, inputRange, nodes, output } = graph;
  return createHash('sha256').update(JSON.stringify({ name, inputShape, inputRange, nodes, output })).digest('hex');
}
