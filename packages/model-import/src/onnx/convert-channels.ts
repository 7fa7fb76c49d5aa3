import { attr } from './attributes';
import { act, inferContext, known, type Converter } from './converter';
import type { OnnxNode } from './onnx-model';
import { gatherIndices, sliceIndices, splitSizes } from './ops/indexing';
import { normAxis } from './ops/op-def';

/** The axis a channel op works on, which must be the channel axis 1 of an [N, C, ...] activation. */
function channelAxis(c: Converter, node: OnnxNode, axis: number): number[] {
  const shape = c.shape(node.inputs[0]!, node);
  if (shape.length < 2 || normAxis(node, axis, shape.length) !== 1) c.fail(`works on axis ${axis} of a rank-${shape.length} tensor; only channels (axis 1) can be picked`, node);
  return shape;
}

/**
 * Gather along channels with constant indices: a select node. A scalar index drops the channel axis, which only an
 * Unsqueeze restoring it may read (GoogLeNet's transform_input: `x[:, 0].unsqueeze(1)`).
 */
export function convertGather(c: Converter, node: OnnxNode): void {
  const shape = channelAxis(c, node, attr.int(node, 'axis', 0));
  const indices = known(c, node, 1) ?? c.fail('gathers channels at computed indices', node);
  const select = gatherIndices(node, Array.from(indices.data, Number), shape[1]!);
  if (indices.dims.length > 1) c.fail('gathers channels with a multi-dimensional index', node);
  c.push(node, { op: 'select', inputs: [act(c, node, 0)], select }, undefined, { channels: select.length });
  if (indices.dims.length === 0) c.squeezed.add(node.outputs[0]!);
}

/** Slice of the channel axis only (every other axis whole): a select node. */
export function convertSlice(c: Converter, node: OnnxNode): void {
  const shape = c.shape(node.inputs[0]!, node);
  const picks = sliceIndices(inferContext(c, node), shape);
  const whole = (pick: number[] | undefined, dim: number): boolean => !pick || (pick.length === dim && pick.every((p, i) => p === i));
  if (shape.length < 2 || picks.some((pick, axis) => axis !== 1 && !whole(pick, shape[axis]!))) c.fail('slices an axis other than channels', node);
  if (whole(picks[1], shape[1]!)) return c.alias(node, node.inputs[0]!);
  c.push(node, { op: 'select', inputs: [act(c, node, 0)], select: picks[1]! });
}

/** Split of the channel axis: one select node per part. */
export function convertSplit(c: Converter, node: OnnxNode): void {
  const shape = channelAxis(c, node, attr.int(node, 'axis', 0));
  const input = act(c, node, 0);
  let begin = 0;
  splitSizes(inferContext(c, node), shape[1]!).forEach((size, output) => {
    const select = Array.from({ length: size }, (_, i) => begin + i);
    begin += size;
    if (node.outputs[output]) c.push(node, { op: 'select', inputs: [input], select }, undefined, { output });
  });
}
