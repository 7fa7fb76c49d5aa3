import { createOrtSession, OnnxEmitter, type OrtSession, type OrtSessionOptions } from '@branchscope/ort-engine';
import { COLOR_CORRELATION, COLOR_MAX_NORM, RECIPE } from './constants';
import { spectrumScale } from './fourier-param';
import type { ParamEngine, ParamShape } from './gradient-feature-model';
import { halfWidth, irfft2dMatrices } from './irfft2d';

/** The inverse DFT's two stages as block matrices: [[cosH, −sinH], [sinH, cosH]] (2h × 2h) and [cosW; −sinW] / 4 (2n × w). */
function blockMatrices(height: number, width: number): { rows: Float32Array; columns: Float32Array } {
  const m = irfft2dMatrices(height, width);
  const n = halfWidth(width);
  const rows = new Float32Array(4 * height * height);
  for (let y = 0; y < height; y++) {
    for (let k = 0; k < height; k++) {
      const [c, s] = [m.cosH[y * height + k]!, m.sinH[y * height + k]!];
      rows[y * 2 * height + k] = c;
      rows[y * 2 * height + height + k] = -s;
      rows[(height + y) * 2 * height + k] = s;
      rows[(height + y) * 2 * height + height + k] = c;
    }
  }
  const columns = new Float32Array(2 * n * width);
  for (let i = 0; i < n * width; i++) {
    columns[i] = m.cosW[i]! / RECIPE.imageDivisor;
    columns[n * width + i] = -m.sinW[i]! / RECIPE.imageDivisor;
  }
  return { rows, columns };
}

const transpose2d = (data: Float32Array, rows: number, cols: number): Float32Array => {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]!;
  return out;
};

/**
 * The two ONNX graphs of the parameterization: `pixels` (spectrum → scaled → inverse DFT as two matrix products →
 * colour-decorrelated → sigmoid, NHWC) and `gradient` (its adjoint: sigmoid' from the pixels, the colour matrix,
 * the transposed DFT matrices, the scale). The same arithmetic as fourier-param.ts in fewer, larger products.
 */
export function buildParamModels(shape: ParamShape): { pixels: Uint8Array; gradient: Uint8Array } {
  const { batch, height: h, width: w, channels: c } = shape;
  const n = halfWidth(w);
  const planes = batch * c;
  const scale = spectrumScale(h, w, shape.decayPower ?? RECIPE.decayPower);
  const { rows, columns } = blockMatrices(h, w);
  const colour = COLOR_CORRELATION.map((row) => row.map((v) => v / COLOR_MAX_NORM));
  const ints = (v: number[]) => ({ ints: v });

  const forward = new OnnxEmitter('fourier-pixels', new Set());
  {
    const e = forward;
    const spectrum = e.input('spectrum', [2, batch, c, h, n]);
    const scaled = e.op('Mul', [e.op('Reshape', [spectrum, e.int64Const([2, planes, h, n])]), e.floats('scale', [h, n], scale)]);
    // [planes, 2h, n]: real rows above imaginary ones, so one product does the h-transform of both.
    const stacked = e.op('Reshape', [e.op('Transpose', [scaled], { perm: ints([1, 0, 2, 3]) }), e.int64Const([planes, 2 * h, n])]);
    const z = e.op('MatMul', [e.floats('rows', [2 * h, 2 * h], rows), stacked]);
    const side = e.op('Reshape', [e.op('Transpose', [e.op('Reshape', [z, e.int64Const([planes, 2, h, n])])], { perm: ints([0, 2, 1, 3]) }), e.int64Const([planes, h, 2 * n])]);
    const image = e.op('MatMul', [side, e.floats('columns', [2 * n, w], columns)]);
    let nhwc = e.op('Transpose', [e.op('Reshape', [image, e.int64Const([batch, c, h, w])])], { perm: ints([0, 2, 3, 1]) });
    if (c === 3) nhwc = e.op('MatMul', [nhwc, e.floats('colour', [3, 3], transpose2d(Float32Array.from(colour.flat()), 3, 3))]);
    e.output('pixels', e.op('Sigmoid', [nhwc]), [batch, h, w, c]);
  }

  const backward = new OnnxEmitter('fourier-gradient', new Set());
  {
    const e = backward;
    const pixels = e.input('pixels', [batch, h, w, c]);
    const dPixels = e.input('dPixels', [batch, h, w, c]);
    let g = e.op('Mul', [dPixels, e.op('Mul', [pixels, e.op('Sub', [e.floatConst([1]), pixels])])]);
    if (c === 3) g = e.op('MatMul', [g, e.floats('colour', [3, 3], Float32Array.from(colour.flat()))]);
    const planesFirst = e.op('Reshape', [e.op('Transpose', [g], { perm: ints([0, 3, 1, 2]) }), e.int64Const([planes, h, w])]);
    const side = e.op('MatMul', [planesFirst, e.floats('columnsT', [w, 2 * n], transpose2d(columns, 2 * n, w))]);
    const stacked = e.op('Reshape', [e.op('Transpose', [e.op('Reshape', [side, e.int64Const([planes, h, 2, n])])], { perm: ints([0, 2, 1, 3]) }), e.int64Const([planes, 2 * h, n])]);
    const x = e.op('MatMul', [e.floats('rowsT', [2 * h, 2 * h], transpose2d(rows, 2 * h, 2 * h)), stacked]);
    const split = e.op('Transpose', [e.op('Reshape', [x, e.int64Const([planes, 2, h, n])])], { perm: ints([1, 0, 2, 3]) });
    const scaled = e.op('Mul', [split, e.floats('scale', [h, n], scale)]);
    e.output('spectrumGradient', e.op('Reshape', [scaled, e.int64Const([2, batch, c, h, n])]), [2, batch, c, h, n]);
  }
  return { pixels: forward.encode(), gradient: backward.encode() };
}

/** The parameterization in onnxruntime-node, with the session options of the model beside it. */
export async function ortFourierParam(shape: ParamShape, options: OrtSessionOptions = {}): Promise<ParamEngine> {
  const models = buildParamModels(shape);
  const sessions: OrtSession[] = [];
  try {
    sessions.push(await createOrtSession(models.pixels, options), await createOrtSession(models.gradient, options));
  } catch (error) {
    await Promise.all(sessions.map((s) => s.release()));
    throw error;
  }
  const [forward, backward] = sessions as [OrtSession, OrtSession];
  const { batch, height, width, channels } = shape;
  const n = halfWidth(width);
  const image = [batch, height, width, channels];
  return {
    async pixels(spectrum) {
      return (await forward.run({ spectrum: { data: spectrum, dims: [2, batch, channels, height, n] } })).pixels!.data;
    },
    async spectrumGradient(pixels, dPixels) {
      return (await backward.run({ pixels: { data: pixels, dims: image }, dPixels: { data: dPixels, dims: image } })).spectrumGradient!.data;
    },
    release: async () => void (await Promise.all(sessions.map((s) => s.release()))),
  };
}
