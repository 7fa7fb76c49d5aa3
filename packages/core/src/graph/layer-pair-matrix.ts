import type { ConvWeights, Graph } from './graph';
import type { Matrix } from '../linalg/matrix';
import { zeros } from '../linalg/matrix';
import { absWeightMatrix } from '../weights/abs-weight-matrix';
import { connectionBetween } from './connection-between';
import { LayerPairError } from './layer-pair-error';

/**
 * The `from units x to units` |W| matrix between two consecutive conv layers: entry (i, j) is the sum over kernel
 * positions of |W| from `from`'s unit i into `to`'s unit j. `from`'s units are mapped through any Concat offset and
 * through `to`'s groups, so for AlexNet conv1 -> conv2 (group 2) the result is 96 x 256 and block diagonal. Where a
 * channel select (ShuffleNet's split and shuffle) lies between, each unit takes the row of the channel it lands on,
 * and units that do not reach `to` get a row of zeros.
 *
 * Throws a {@link LayerPairError}: see {@link connectionBetween}, plus code `weights-mismatch` when `toWeights`
 * does not fit `to` (output channels, group, input channels or kernel size).
 */
export function layerPairMatrix(graph: Graph, from: string, to: string, toWeights: ConvWeights): Matrix {
  const connection = connectionBetween(graph, from, to);
  const target = graph.nodes.find((n) => n.name === to)!;
  const inUnits = graph.nodes.find((n) => n.name === target.inputs[0])!.channels;
  const [out, inPerGroup, kh, kw] = toWeights.shape;
  const where = `${graph.name}: ${to}`;
  if (out !== target.channels) {
    throw new LayerPairError('weights-mismatch', `${where} has ${target.channels} output channels but its weights have ${out}`);
  }
  const group = target.conv?.group ?? 1;
  if (toWeights.group !== group) {
    throw new LayerPairError('weights-mismatch', `${where} has group ${group} but its weights say group ${toWeights.group}`);
  }
  if (inPerGroup * group !== inUnits) {
    throw new LayerPairError(
      'weights-mismatch',
      `${where} reads ${inUnits} input channels but its weights take ${inPerGroup} per group x group ${group}`,
    );
  }
  const kernel = target.conv?.kernel;
  if (kernel && (kernel[0] !== kh || kernel[1] !== kw)) {
    throw new LayerPairError('weights-mismatch', `${where} has a ${kernel[0]}x${kernel[1]} kernel but its weights are ${kh}x${kw}`);
  }
  const full = absWeightMatrix(toWeights, inUnits);
  const { offset, units, channels } = connection;
  const block = zeros(units, out);
  if (!channels) {
    block.data.set(full.data.subarray(offset * out, (offset + units) * out));
    return block;
  }
  channels.forEach((c, u) => {
    if (c >= 0) block.data.set(full.data.subarray(c * out, (c + 1) * out), u * out);
  });
  return block;
}
