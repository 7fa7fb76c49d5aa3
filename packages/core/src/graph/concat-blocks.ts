import type { BranchedBlock } from './graph';
import { blockName, branchLabel, sharedPrefix, uniqueLabels } from './branch-naming';
import { chainBack } from './chain-back';
import { nodeOf, type GraphIndex } from './graph-index';

/**
 * One 'concat' block per channel-axis Concat with two or more inputs. Each input's straight path
 * back to where it splits off is one branch; its units are its slice of the joined output, offset
 * by the channels of the inputs before it (Lucid's mixed3a/3x3 is [64, 192) of mixed3a).
 */
export function concatBlocks(index: GraphIndex): BranchedBlock[] {
  const blocks: BranchedBlock[] = [];
  for (const node of index.graph.nodes) {
    if (node.op !== 'concat' || (node.axis ?? 1) !== 1 || node.inputs.length < 2) continue;
    const chains = node.inputs.map((input) => chainBack(index, input));
    const prefix = sharedPrefix(chains.flatMap((c) => c.members));
    const name = blockName(prefix, node.name);
    const labels = uniqueLabels(
      chains.map((c, i) => branchLabel(c.members.map((m) => nodeOf(index, m)), prefix, node.inputs[i]!)),
    );
    let offset = 0;
    const branches = chains.map((chain, i) => {
      const width = nodeOf(index, node.inputs[i]!).channels;
      const branch = {
        index: i,
        name: `${name}/${labels[i]}`,
        layers: chain.members,
        units: { layer: node.name, start: offset, end: offset + width },
      };
      offset += width;
      return branch;
    });
    blocks.push({ name, kind: 'concat', output: node.name, branches });
  }
  return blocks;
}
