import type { GraphNode, OpKind } from './graph';
import { nodeOf, type GraphIndex } from './graph-index';

/** Ops whose output unit i depends only on input unit i, so unit identities pass through them. */
export const CHANNEL_PRESERVING_OPS: ReadonlySet<OpKind> = new Set<OpKind>([
  'relu',
  'lrn',
  'maxpool',
  'avgpool',
  'globalavgpool',
  'batchnorm',
  'dropout',
  'clip',
  'sigmoid',
  'hardsigmoid',
  'hardswish',
  'silu',
  'affine',
]);

/**
 * Follows `name` back through channel-preserving ops, and through gates along the stream they multiply, to the
 * node that created its units (a conv, a concat, an add, a channel select, the input...). LRN mixes neighbouring
 * channels, but it keeps unit identities, which is what branch colouring needs.
 */
export function traceProducer(index: GraphIndex, name: string): GraphNode {
  let node = nodeOf(index, name);
  while ((CHANNEL_PRESERVING_OPS.has(node.op) && node.inputs.length === 1) || (node.op === 'mul' && node.inputs.length === 2)) {
    node = nodeOf(index, node.inputs[0]!);
  }
  return node;
}
