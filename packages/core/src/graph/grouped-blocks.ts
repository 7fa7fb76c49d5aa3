import type { Branch, BranchedBlock } from './graph';
import { nodeOf, type GraphIndex } from './graph-index';
import { traceProducer } from './trace-producer';

/**
 * One 'grouped' block per conv with group > 1, one branch per group. A group's input units are
 * located on the conv that produced them (through ReLU, LRN, pooling...), so for AlexNet's conv2
 * the branches read conv1's units [0, 48) and [48, 96).
 */
export function groupedBlocks(index: GraphIndex): BranchedBlock[] {
  const blocks: BranchedBlock[] = [];
  for (const node of index.graph.nodes) {
    const group = node.conv?.group ?? 1;
    if (node.op !== 'conv' || group <= 1) continue;
    const input = nodeOf(index, node.inputs[0] ?? '');
    const producer = traceProducer(index, input.name);
    if (node.channels % group !== 0 || input.channels % group !== 0) {
      throw new Error(`conv "${node.name}": group ${group} does not divide its ${input.channels} input / ${node.channels} output channels`);
    }
    const outWidth = node.channels / group;
    const inWidth = input.channels / group;
    const branches: Branch[] = [];
    for (let g = 0; g < group; g += 1) {
      branches.push({
        index: g,
        name: `${node.name}/group${g}`,
        layers: [node.name],
        units: { layer: node.name, start: g * outWidth, end: (g + 1) * outWidth },
        inputUnits: { layer: producer.name, start: g * inWidth, end: (g + 1) * inWidth },
      });
    }
    blocks.push({ name: node.name, kind: 'grouped', output: node.name, branches });
  }
  return blocks;
}
