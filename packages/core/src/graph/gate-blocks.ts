import type { BranchedBlock } from './graph';
import { blockName, sharedPrefix } from './branch-naming';
import { chainBack } from './chain-back';
import { nodeOf, type GraphIndex } from './graph-index';

/**
 * One 'gate' block per squeeze-and-excitation gate: a Mul whose gate input (input 1) is a path that pools over
 * space (the squeeze) before it excites. The block has a single branch, the gate path, which multiplies the stream
 * channel by channel. Its `units` are the gate's inner channels: the output of its second-to-last conv (the squeeze
 * conv, e.g. 8 of 32 channels), or of its only conv, or of its last member when it has no conv.
 */
export function gateBlocks(index: GraphIndex): BranchedBlock[] {
  const blocks: BranchedBlock[] = [];
  for (const node of index.graph.nodes) {
    if (node.op !== 'mul' || node.inputs.length !== 2) continue;
    const gate = chainBack(index, node.inputs[1]!);
    const members = gate.members.map((m) => nodeOf(index, m));
    if (!members.some((m) => m.op === 'globalavgpool')) continue;
    const convs = members.filter((m) => m.op === 'conv' || m.op === 'dense');
    const inner = convs.length >= 2 ? convs[convs.length - 2]! : (convs[0] ?? members[members.length - 1]!);
    const name = blockName(sharedPrefix([...gate.members, node.name]), node.name);
    blocks.push({
      name,
      kind: 'gate',
      output: node.name,
      branches: [{ index: 0, name: `${name}/gate`, layers: gate.members, units: { layer: inner.name, start: 0, end: inner.channels } }],
    });
  }
  return blocks;
}
