import type { ConvWeights } from '../graph/graph';
import type { Matrix } from '../linalg/matrix';
import { zeros } from '../linalg/matrix';

/**
 * |W| summed over kernel positions, as an `inUnits x out` matrix: entry (i, o) is how strongly input channel i
 * feeds output unit o in total. For a grouped conv, output unit o in group g = floor(o / (out / group)) reads only
 * input channels g * inPerGroup .. (g + 1) * inPerGroup - 1, so the matrix is block diagonal and every other entry
 * is 0.
 *
 * Throws a RangeError when the shape, group count, data length or `inUnits` disagree (the message names the numbers).
 */
export function absWeightMatrix(weights: ConvWeights, inUnits: number): Matrix {
  const [out, inPerGroup, kh, kw] = weights.shape;
  const { group, data } = weights;
  if (!weights.shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new RangeError(`absWeightMatrix: conv weight shape [${weights.shape.join(', ')}] must be positive integers`);
  }
  if (!Number.isInteger(group) || group < 1) throw new RangeError(`absWeightMatrix: group ${group} must be a positive integer`);
  if (out % group !== 0) {
    throw new RangeError(`absWeightMatrix: ${out} output channels are not divisible by group ${group}`);
  }
  if (inUnits !== inPerGroup * group) {
    throw new RangeError(
      `absWeightMatrix: inUnits ${inUnits} does not match ${inPerGroup} input channels per group x group ${group} = ${inPerGroup * group}`,
    );
  }
  const kernel = kh * kw;
  if (data.length !== out * inPerGroup * kernel) {
    throw new RangeError(
      `absWeightMatrix: weights hold ${data.length} values, shape [${weights.shape.join(', ')}] needs ${out * inPerGroup * kernel}`,
    );
  }
  const outPerGroup = out / group;
  const m = zeros(inUnits, out);
  for (let o = 0; o < out; o++) {
    const firstIn = Math.floor(o / outPerGroup) * inPerGroup;
    for (let c = 0; c < inPerGroup; c++) {
      const base = (o * inPerGroup + c) * kernel;
      let sum = 0;
      for (let k = 0; k < kernel; k++) sum += Math.abs(data[base + k]!);
      m.data[(firstIn + c) * out + o] = sum;
    }
  }
  return m;
}
