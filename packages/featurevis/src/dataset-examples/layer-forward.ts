import type { Graph } from '@branchscope/core';
import { buildExecutable } from '@branchscope/runtime';
import { inferShapes } from '@branchscope/runtime';
import { buildGradientModel } from '@branchscope/ort-engine';
import { createOrtSession } from '@branchscope/ort-engine';
import type { WeightSource } from '@branchscope/runtime';
import { channelStatistics, type ChannelStatistics } from './channel-statistics';

/** Runs batches of images through a model up to one layer and reduces each channel over its positions. */
export interface LayerForward {
  /** `ort-cpu` (onnxruntime, every core) or `tfjs-<backend>`. */
  readonly engine: string;
  /** `count` square RGB images, NHWC bytes of side `size` (the model's input side). */
  run(images: Uint8Array, count: number, size: number): Promise<ChannelStatistics>;
  dispose(): Promise<void>;
}

export type ForwardEngine = 'auto' | 'ort' | 'tfjs';

/** Bytes 0..255 (NHWC) to the model's input range, NCHW. */
function toNchw(images: Uint8Array, count: number, size: number, [lo, hi]: readonly [number, number]): Float32Array {
  const out = new Float32Array(images.length);
  const scale = (hi - lo) / 255;
  const plane = size * size;
  for (let n = 0; n < count; n++) {
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < 3; c++) out[(n * 3 + c) * plane + p] = lo + images[(n * plane + p) * 3 + c]! * scale;
    }
  }
  return out;
}

/** Mean, max and argmax over the positions of each image's channels, from an NCHW activation. */
export function reduceNchw(data: Float32Array, count: number, channels: number, height: number, width: number): ChannelStatistics {
  const plane = height * width;
  const mean = new Float32Array(count * channels);
  const max = new Float32Array(count * channels);
  const argmax = new Int32Array(count * channels);
  for (let i = 0; i < count * channels; i++) {
    let sum = 0;
    let best = -Infinity;
    let at = 0;
    const base = i * plane;
    for (let p = 0; p < plane; p++) {
      const v = data[base + p]!;
      sum += v;
      if (v > best) {
        best = v;
        at = p;
      }
    }
    mean[i] = sum / plane;
    max[i] = best;
    argmax[i] = at;
  }
  return { count, channels, height, width, mean, max, argmax };
}

async function ortForward(graph: Graph, weights: WeightSource, layer: string): Promise<LayerForward> {
  const shape = inferShapes(graph).get(layer);
  if (!shape || shape.length !== 3) throw new Error(`layer '${layer}' of model '${graph.name}' has no map of positions (shape [${shape?.join(',') ?? ''}])`);
  const [channels, height, width] = shape as [number, number, number];
  // The gradient model with no gradient asked for is the forward pass; its seed input is fed zeros and unused.
  const session = await createOrtSession(buildGradientModel(graph, weights, { outputs: [layer], inputGradient: false }));
  return {
    engine: 'ort-cpu',
    async run(images, count, size) {
      const seed = new Float32Array(count * channels * height * width);
      const out = await session.run({
        input: { data: toNchw(images, count, size, graph.inputRange), dims: [count, 3, size, size] },
        [`seed:${layer}`]: { data: seed, dims: [count, channels, height, width] },
      });
      return reduceNchw(out[layer]!.data as Float32Array, count, channels, height, width);
    },
    dispose: () => session.release(),
  };
}

function tfjsForward(graph: Graph, weights: WeightSource, layer: string, backend: string): LayerForward {
  const executable = buildExecutable(graph, weights);
  return {
    engine: `tfjs-${backend}`,
    run: async (images, count, size) => channelStatistics(executable, images, count, size, graph.inputRange, layer),
    dispose: async () => executable.dispose(),
  };
}

/**
 * A forward pass to `layer`: onnxruntime where it loads (`auto`, or `ort` to require it), else the TF.js executor on
 * the current backend (`tfjs` to require it). `onFallback` hears why onnxruntime was not used.
 */
export async function openLayerForward(
  graph: Graph,
  weights: WeightSource,
  layer: string,
  options: { engine?: ForwardEngine; backend: string; onFallback?: (reason: string) => void },
): Promise<LayerForward> {
  const engine = options.engine ?? 'auto';
  if (engine === 'tfjs') return tfjsForward(graph, weights, layer, options.backend);
  try {
    return await ortForward(graph, weights, layer);
  } catch (error) {
    if (engine === 'ort') throw error;
    options.onFallback?.((error as Error).message);
    return tfjsForward(graph, weights, layer, options.backend);
  }
}
