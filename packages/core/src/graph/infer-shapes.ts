import type { GraphNode } from './graph';

/** Activation shape without the batch dimension: [channels, height, width]. */
export type Shape = [number, number, number];

/**
 * Output length of a sliding window. Ceil mode follows Caffe: the last window must still start
 * inside the input or its leading pad, otherwise it is dropped.
 */
export function windowOutput(size: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation = 1, ceil = false): number {
  const span = size + padBefore + padAfter - dilation * (kernel - 1) - 1;
  let out = (ceil ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceil && (out - 1) * stride >= size + padBefore) out -= 1;
  return out;
}

/**
 * TensorFlow SAME padding [top, left, bottom, right] for one input size: output = ceil(size / stride),
 * the odd pixel going to the bottom/right as TF does.
 */
export function samePads(size: [number, number], kernel: [number, number], stride: [number, number]): [number, number, number, number] {
  const total = [0, 1].map((i) => {
    const out = Math.ceil(size[i]! / stride[i]!);
    return Math.max((out - 1) * stride[i]! + kernel[i]! - size[i]!, 0);
  }) as [number, number];
  return [Math.floor(total[0] / 2), Math.floor(total[1] / 2), Math.ceil(total[0] / 2), Math.ceil(total[1] / 2)];
}

/**
 * The output shape of one node from its inputs' shapes (channels are the node's own). Dense,
 * flatten and softmax outputs are [channels, 1, 1]. Throws naming the node when attributes are missing.
 */
export function nodeOutputShape(node: GraphNode, inputs: readonly Shape[]): Shape {
  const first = inputs[0];
  if (!first) throw new Error(`node "${node.name}" (${node.op}) has no input shape`);
  const [, h, w] = first;
  switch (node.op) {
    case 'conv': {
      const a = node.conv;
      if (!a) throw new Error(`node "${node.name}" (conv) has no conv attributes`);
      return [
        node.channels,
        windowOutput(h, a.kernel[0], a.strides[0], a.pads[0], a.pads[2], a.dilations[0]),
        windowOutput(w, a.kernel[1], a.strides[1], a.pads[1], a.pads[3], a.dilations[1]),
      ];
    }
    case 'maxpool':
    case 'avgpool': {
      const p = node.pool;
      if (!p) throw new Error(`node "${node.name}" (${node.op}) has no pool attributes`);
      return [
        node.channels,
        windowOutput(h, p.kernel[0], p.strides[0], p.pads[0], p.pads[2], 1, p.ceilMode),
        windowOutput(w, p.kernel[1], p.strides[1], p.pads[1], p.pads[3], 1, p.ceilMode),
      ];
    }
    case 'globalavgpool':
    case 'dense':
    case 'flatten':
    case 'softmax':
      return [node.channels, 1, 1];
    default:
      return [node.channels, h, w];
  }
}
