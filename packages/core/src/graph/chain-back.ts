import { nodeOf, type GraphIndex } from './graph-index';

/** A path ending at a join, and the node it splits off from. */
export interface Chain {
  /** Member nodes in topological order (may be empty when the join reads the fork directly). */
  members: string[];
  /** The first node walking back that is shared with other paths and is not itself a member. */
  fork: string;
}

/**
 * Walks back from `start` (an input of a join) while each node feeds only the path: `start` feeds only the join,
 * every node before it feeds only members. A node with several inputs is an inner join (Inception-v3's concat inside
 * a branch, an SE gate's Mul inside a residual path): when the paths into it all split off from one node, they and
 * the inner join become members and the walk goes on from that node; otherwise the walk stops there. The node where
 * the walk stops belongs to the surroundings, not the path.
 */
export function chainBack(index: GraphIndex, start: string): Chain {
  return walkBack(index, start, new Set(), true);
}

/**
 * Goes on walking back from `from`, a node that feeds only `members` (the paths of a concat's inputs that split off
 * from it inside a block, see concatBlocks), with the same rules as {@link chainBack}. The result holds `members`,
 * `from` and what lies behind it up to the fork.
 */
export function extendChain(index: GraphIndex, members: Iterable<string>, from: string): Chain {
  return walkBack(index, from, new Set(members), false);
}

function walkBack(index: GraphIndex, start: string, members: Set<string>, atJoin: boolean): Chain {
  const feedsOnlyPath = (name: string): boolean => {
    const readers = index.consumers.get(name) ?? [];
    return atJoin && name === start ? readers.length === 1 : readers.length > 0 && readers.every((r) => members.has(r));
  };
  let name = start;
  while (feedsOnlyPath(name)) {
    const node = nodeOf(index, name);
    if (node.inputs.length === 1) {
      members.add(name);
      name = node.inputs[0]!;
      continue;
    }
    const inner = node.inputs.map((input) => chainBack(index, input));
    const fork = inner[0]?.fork;
    if (fork === undefined || inner.some((c) => c.fork !== fork)) break;
    members.add(name);
    for (const c of inner) for (const m of c.members) members.add(m);
    name = fork;
  }
  const position = (n: string): number => index.position.get(n) ?? -1;
  return { members: [...members].sort((a, b) => position(a) - position(b)), fork: name };
}
