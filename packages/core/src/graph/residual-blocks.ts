import type { BranchedBlock, GraphNode } from './graph';
import { blockName, sharedPrefix } from './branch-naming';
import { chainBack } from './chain-back';
import { consumerCount, nodeOf, type GraphIndex } from './graph-index';

const convCount = (index: GraphIndex, members: readonly string[]): number =>
  members.filter((m) => nodeOf(index, m).op === 'conv').length;

/**
 * Pre-activation ResNets (v2) take a projection shortcut after the block's first BatchNorm and ReLU,
 * so the residual path forks there. That BN/ReLU run belongs to the block; a lone ReLU (v1's
 * post-add activation of the previous block) does not, hence the BatchNorm requirement.
 */
function sharedPreActivation(index: GraphIndex, fork: string): string[] {
  const run: GraphNode[] = [];
  let node = nodeOf(index, fork);
  while ((node.op === 'batchnorm' || node.op === 'relu') && node.inputs.length === 1) {
    if (run.length > 0 && consumerCount(index, node.name) !== 1) break;
    run.push(node);
    node = nodeOf(index, node.inputs[0]!);
  }
  return run.some((n) => n.op === 'batchnorm') ? run.map((n) => n.name).reverse() : [];
}

/**
 * The convs along the residual path's spine, walking back from the Add through single-input nodes and along the
 * stream of gates, so that an SE gate's own convs (nested in the path) are not taken for the block's inner layer.
 * Undefined when the spine meets an inner join other than a gate (parallel branches nested in the path).
 */
function spineConvs(index: GraphIndex, start: string, members: ReadonlySet<string>): string[] | undefined {
  const convs: string[] = [];
  let name = start;
  while (members.has(name)) {
    const node = nodeOf(index, name);
    if (node.op === 'conv') convs.unshift(name);
    if (node.inputs.length !== 1 && node.op !== 'mul') return undefined;
    name = node.inputs[0]!;
  }
  return convs;
}

/**
 * One 'residual' block per two-input Add where one input is a residual path and the other a shortcut
 * (identity, or a projection with at most one conv). Following the article's Figure 3 the block has a
 * single branch that writes into the residual stream. Its `units` are the block's inner channels:
 * the output of the second-to-last conv along the residual path's spine (the 3x3 conv of a bottleneck, width C/4;
 * the depthwise conv of an inverted residual), or of its only conv. Its `layers` are the residual path's nodes
 * (with any gate or branches nested in it), plus a shared pre-activation.
 */
export function residualBlocks(index: GraphIndex): BranchedBlock[] {
  const blocks: BranchedBlock[] = [];
  for (const node of index.graph.nodes) {
    if (node.op !== 'add' || node.inputs.length !== 2) continue;
    const [a, b] = node.inputs.map((input) => chainBack(index, input)) as [ReturnType<typeof chainBack>, ReturnType<typeof chainBack>];
    const [ca, cb] = [convCount(index, a.members), convCount(index, b.members)];
    const residual = ca > cb ? a : cb > ca ? b : undefined;
    const shortcut = residual === a ? b : a;
    if (!residual || Math.min(ca, cb) > 1) continue;
    const preact = residual.fork === shortcut.fork ? sharedPreActivation(index, residual.fork) : [];
    const layers = [...preact, ...residual.members];
    const spine = spineConvs(index, node.inputs[residual === a ? 0 : 1]!, new Set(residual.members));
    const convs = spine && spine.length > 0 ? spine : layers.filter((m) => nodeOf(index, m).op === 'conv');
    const inner = nodeOf(index, convs.length >= 2 ? convs[convs.length - 2]! : convs[0]!);
    const name = blockName(sharedPrefix([...layers, ...shortcut.members, node.name]), node.name);
    blocks.push({
      name,
      kind: 'residual',
      output: node.name,
      branches: [{ index: 0, name: `${name}/residual`, layers, units: { layer: inner.name, start: 0, end: inner.channels } }],
    });
  }
  return blocks;
}
