/** Fixtures and plain-JS ONNX reference ops for the executor's tests (NCHW, float64 accumulation). */
import * as tf from '@tensorflow/tfjs-core';
import type { ConvAttrs, ConvWeights, Graph, GraphNode, LrnAttrs, PoolAttrs } from '@branchscope/core';
import { pooledLength } from '../graph/infer-shapes';
import { fillNormal, uniformStream } from '../weights/prng';
import type { BatchNormParams, DenseWeights, WeightSource } from '../weights/weight-source';
import { buildExecutable } from '../executor/build-executable';

export interface Nchw {
  shape: [number, number, number, number];
  data: Float32Array;
}

/** Uniform values in [lo, hi) from the test PRNG. */
export function seededArray(length: number, seed: string, lo = -1, hi = 1): Float32Array {
  const u = uniformStream(seed);
  return Float32Array.from({ length }, () => lo + (hi - lo) * u());
}

export function seededNchw(shape: Nchw['shape'], seed: string): Nchw {
  return { shape, data: seededArray(shape.reduce((a, b) => a * b, 1), seed) };
}

/** A WeightSource over explicit arrays; layers absent from the record throw. */
export function fixedWeights(w: {
  conv?: Record<string, ConvWeights>;
  convBias?: Record<string, Float32Array>;
  dense?: Record<string, DenseWeights>;
  denseBias?: Record<string, Float32Array>;
  batchnorm?: Record<string, BatchNormParams>;
}): WeightSource {
  const get = <T>(table: Record<string, T> | undefined, layer: string): T => {
    const v = table?.[layer];
    if (v === undefined) throw new Error(`fixedWeights: no weights for '${layer}'`);
    return v;
  };
  return {
    conv: (l) => get(w.conv, l),
    convBias: (l) => get(w.convBias, l),
    dense: (l) => get(w.dense, l),
    denseBias: (l) => get(w.denseBias, l),
    batchnorm: (l) => get(w.batchnorm, l),
  };
}

export function randomConv(shape: ConvWeights['shape'], group: number, seed: string): ConvWeights {
  return { shape, group, data: fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), seed, 0.5) };
}

export function convAttrs(over: Partial<ConvAttrs> & { kernel: [number, number] }): ConvAttrs {
  return { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], group: 1, bias: false, ...over };
}

/** A graph of input -> one node. */
export function singleNodeGraph(inputShape: [number, number, number], node: Omit<GraphNode, 'inputs' | 'name'>): Graph {
  return {
    name: `single ${node.op}`,
    inputShape,
    inputRange: [-1, 1],
    output: 'y',
    nodes: [{ name: 'x', op: 'input', inputs: [], channels: inputShape[0] }, { ...node, name: 'y', inputs: ['x'] }],
  };
}

export function referenceConv(x: Nchw, w: ConvWeights, a: ConvAttrs, bias?: Float32Array): Nchw {
  const [n, c, h, wd] = x.shape;
  const [outC, inC, kh, kw] = w.shape;
  const oh = Math.floor((h + a.pads[0] + a.pads[2] - a.dilations[0] * (kh - 1) - 1) / a.strides[0]) + 1;
  const ow = Math.floor((wd + a.pads[1] + a.pads[3] - a.dilations[1] * (kw - 1) - 1) / a.strides[1]) + 1;
  const perGroup = outC / w.group;
  const out = new Float32Array(n * outC * oh * ow);
  for (let b = 0; b < n; b++)
    for (let o = 0; o < outC; o++)
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++) {
          let s = bias ? bias[o] : 0;
          const g = Math.floor(o / perGroup);
          for (let i = 0; i < inC; i++)
            for (let ky = 0; ky < kh; ky++)
              for (let kx = 0; kx < kw; kx++) {
                const iy = y * a.strides[0] - a.pads[0] + ky * a.dilations[0];
                const ix = xx * a.strides[1] - a.pads[1] + kx * a.dilations[1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                s += x.data[((b * c + g * inC + i) * h + iy) * wd + ix] * w.data[((o * inC + i) * kh + ky) * kw + kx];
              }
          out[((b * outC + o) * oh + y) * ow + xx] = s;
        }
  return { shape: [n, outC, oh, ow], data: out };
}

export function referenceLrn(x: Nchw, a: LrnAttrs): Nchw {
  const [n, c, h, w] = x.shape;
  const out = new Float32Array(x.data.length);
  const at = (b: number, ch: number, i: number): number => x.data[(b * c + ch) * h * w + i];
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let i = 0; i < h * w; i++) {
        let sq = 0;
        const lo = Math.max(0, ch - Math.floor((a.size - 1) / 2));
        const hi = Math.min(c - 1, ch + Math.ceil((a.size - 1) / 2));
        for (let j = lo; j <= hi; j++) sq += at(b, j, i) ** 2;
        out[(b * c + ch) * h * w + i] = at(b, ch, i) / (a.bias + (a.alpha / a.size) * sq) ** a.beta;
      }
  return { shape: x.shape, data: out };
}

/** ONNX MaxPool / AveragePool (count_include_pad = 0), with ceil mode. */
export function referencePool(x: Nchw, a: PoolAttrs, kind: 'max' | 'avg'): Nchw {
  const [n, c, h, w] = x.shape;
  const oh = pooledLength(h, a.kernel[0], a.strides[0], a.pads[0], a.pads[2], a.ceilMode);
  const ow = pooledLength(w, a.kernel[1], a.strides[1], a.pads[1], a.pads[3], a.ceilMode);
  const out = new Float32Array(n * c * oh * ow);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++) {
          let best = -Infinity;
          let sum = 0;
          let count = 0;
          for (let ky = 0; ky < a.kernel[0]; ky++)
            for (let kx = 0; kx < a.kernel[1]; kx++) {
              const iy = y * a.strides[0] - a.pads[0] + ky;
              const ix = xx * a.strides[1] - a.pads[1] + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              const v = x.data[((b * c + ch) * h + iy) * w + ix];
              best = Math.max(best, v);
              sum += v;
              count++;
            }
          out[((b * c + ch) * oh + y) * ow + xx] = kind === 'max' ? best : sum / count;
        }
  return { shape: [n, c, oh, ow], data: out };
}

/** Largest absolute difference between two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length} differ`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Runs `graph` through the executor in NCHW and reads `output` back, disposing everything it made. */
export function runNchw(graph: Graph, weights: WeightSource, x: Nchw, output = graph.output): { shape: number[]; data: Float32Array } {
  const model = buildExecutable(graph, weights, { layout: 'NCHW' });
  const input = tf.tensor4d(x.data, x.shape);
  const y = model.predict(input, [output])[output];
  const result = { shape: y.shape, data: y.dataSync() as Float32Array };
  tf.dispose([input, y]);
  model.dispose();
  return result;
}
