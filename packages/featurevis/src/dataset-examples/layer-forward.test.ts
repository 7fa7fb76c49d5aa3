import { smallAlexnetGraph } from '@branchscope/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@branchscope/runtime';
import { seededWeights } from '@branchscope/runtime';
import { openLayerForward } from './layer-forward';

describe('openLayerForward', () => {
  beforeAll(async () => {
    await initBackend(['cpu'], { log: () => {}, env: {} });
  });

  it('gives the same channel means, maxima and argmax positions in onnxruntime as in the TF.js executor', async () => {
    const graph = smallAlexnetGraph({ branches: 2 } as Parameters<typeof smallAlexnetGraph>[0]);
    const weights = seededWeights(graph, 3);
    const size = graph.inputShape[1];
    const count = 3;
    let state = 11;
    const images = Uint8Array.from({ length: count * size * size * 3 }, () => (state = (state * 1103515245 + 12345) % 2 ** 31) % 256);
    const ort = await openLayerForward(graph, weights, 'relu2', { engine: 'ort', backend: 'cpu' });
    const tfjs = await openLayerForward(graph, weights, 'relu2', { engine: 'tfjs', backend: 'cpu' });
    const [a, b] = [await ort.run(images, count, size), await tfjs.run(images, count, size)];
    await ort.dispose();
    await tfjs.dispose();
    expect([ort.engine, tfjs.engine]).toEqual(['ort-cpu', 'tfjs-cpu']);
    expect([a.channels, a.height, a.width]).toEqual([b.channels, b.height, b.width]);
    const scale = Math.max(...b.max);
    expect(scale).toBeGreaterThan(0);
    for (let i = 0; i < a.mean.length; i++) {
      expect(Math.abs(a.mean[i]! - b.mean[i]!)).toBeLessThan(1e-4 * scale);
      expect(Math.abs(a.max[i]! - b.max[i]!)).toBeLessThan(1e-4 * scale);
    }
    // Positions agree wherever the maximum is not a near tie.
    const agree = Array.from(a.argmax).filter((p, i) => p === b.argmax[i]).length;
    expect(agree / a.argmax.length).toBeGreaterThan(0.95);
  });
});
