import { consumerCount, nodeOf, type GraphIndex } from './graph-index';

/** A straight path ending at a join, and the node it splits off from. */
export interface Chain {
  /** Member nodes in topological order (may be empty when the join reads the fork directly). */
  members: string[];
  /** The first node walking back that is shared with other paths or is not a one-in node. */
  fork: string;
}

/**
 * Walks back from `start` (an input of a join) while each node has one input and feeds only the
 * next node of the path. The node where this stops belongs to the surroundings, not the path.
 */
export function chainBack(index: GraphIndex, start: string): Chain {
  const members: string[] = [];
  let name = start;
  for (;;) {
    const node = nodeOf(index, name);
    if (node.inputs.length !== 1 || consumerCount(index, name) !== 1) break;
    members.push(name);
    name = node.inputs[0]!;
  }
  return { members: members.reverse(), fork: name };
}
