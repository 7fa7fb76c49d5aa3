import type { Branch, BranchedBlock, GraphNode } from './graph';
import { blockName, branchLabel, sharedPrefix, uniqueLabels } from './branch-naming';
import { chainBack, extendChain } from './chain-back';
import { nodeOf, type GraphIndex } from './graph-index';

/** Adjacent inputs of a concat that form one branch, with the inputs it was merged from. */
interface Part {
  /** Indices of the concat's inputs, in order. */
  inputs: number[];
  members: string[];
  fork: string;
  parts?: Part[];
}

/**
 * Merges runs of adjacent inputs that split off from one node inside the block: Inception-v3's Mixed_7b/7c, whose
 * 1x3 and 3x1 convs (exported flat into the block's concat) read one 1x1 conv. The run becomes one part, walking on
 * back from where it split. A run of all the inputs splits at the block's own input, so it is never merged.
 */
function mergeInnerSplits(index: GraphIndex, parts: Part[]): Part[] {
  const merged = [...parts];
  for (let i = 0; i < merged.length; i += 1) {
    let j = i;
    while (j + 1 < merged.length && merged[j + 1]!.fork === merged[i]!.fork) j += 1;
    const run = merged.slice(i, j + 1);
    if (run.length < 2 || run.length === merged.length || run.some((p) => p.members.length === 0)) continue;
    const inside = new Set(run.flatMap((p) => p.members));
    const readers = index.consumers.get(run[0]!.fork) ?? [];
    if (!readers.every((r) => inside.has(r))) continue;
    const chain = extendChain(index, inside, run[0]!.fork);
    merged.splice(i, run.length, { inputs: run.flatMap((p) => p.inputs), members: chain.members, fork: chain.fork, parts: run });
    i = -1;
  }
  return merged;
}

/** Branches of one block (or inner block) over `parts`, with their units in the concat's output. */
function blocksOf(index: GraphIndex, node: GraphNode, parts: Part[], name: string, prefix: string, offsets: number[]): BranchedBlock[] {
  const labels = uniqueLabels(parts.map((p) => branchLabel(p.members.map((m) => nodeOf(index, m)), prefix, node.inputs[p.inputs[0]!]!)));
  const inner: BranchedBlock[] = [];
  const branches: Branch[] = parts.map((part, i) => {
    const branchName = `${name}/${labels[i]}`;
    if (part.parts) inner.push(...blocksOf(index, node, part.parts, branchName, sharedPrefix(part.members), offsets));
    return {
      index: i,
      name: branchName,
      layers: part.members,
      units: { layer: node.name, start: offsets[part.inputs[0]!]!, end: offsets[part.inputs[part.inputs.length - 1]! + 1]! },
    };
  });
  return [{ name, kind: 'concat', output: node.name, branches }, ...inner];
}

/**
 * One 'concat' block per channel-axis Concat with two or more inputs. Each input's path back to where it splits
 * off is one branch, except that adjacent inputs splitting off one node inside the block are one branch (see
 * mergeInnerSplits), which also yields an inner block of its own over the same Concat. A branch's units are its slice
 * of the joined output, offset by the channels of the inputs before it (Lucid's mixed3a/3x3 is [64, 192) of mixed3a).
 */
export function concatBlocks(index: GraphIndex): BranchedBlock[] {
  const blocks: BranchedBlock[] = [];
  for (const node of index.graph.nodes) {
    if (node.op !== 'concat' || (node.axis ?? 1) !== 1 || node.inputs.length < 2) continue;
    const offsets = [0];
    for (const input of node.inputs) offsets.push(offsets[offsets.length - 1]! + nodeOf(index, input).channels);
    const parts = mergeInnerSplits(
      index,
      node.inputs.map((input, i) => ({ inputs: [i], ...chainBack(index, input) })),
    );
    const prefix = sharedPrefix(parts.flatMap((p) => p.members));
    blocks.push(...blocksOf(index, node, parts, blockName(prefix, node.name), prefix, offsets));
  }
  return blocks;
}
