import { smallAlexnetGraph } from '@branchscope/core';
import { initBackend, seededWeights } from '@branchscope/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseRenderEngine, openLayerRenderer, RENDER_ENGINE_ENV } from './render-engine';

const graph = smallAlexnetGraph({ branches: 2 });
const options = { inputSize: 32, channels: 3, inputRange: graph.inputRange, units: [3], layer: 'conv2', steps: 3, seed: 0 } as const;

describe('render engine choice', () => {
  beforeAll(() => initBackend(['wasm'], { log: () => {}, env: {} }));

  it('picks the fastest engine present (onnxruntime on the CPU here), TF.js when told, and names a wrong setting', async () => {
    const logs: string[] = [];
    const picked = await chooseRenderEngine({}, (m) => logs.push(m));
    // No GPU engine here: each faster one is skipped, saying why, and onnxruntime on the CPU is picked.
    expect(picked).toMatchObject({ engine: 'ort', providers: ['cpu'] });
    expect(picked.reason).toMatch(/^ort-cpu is the fastest engine present; skipped ort-cuda: /);
    expect(logs.filter((m) => m.includes('skipped')).length).toBeGreaterThanOrEqual(3);
    expect((await chooseRenderEngine({ BRANCHSCOPE_ENGINE: 'tfjs-wasm' })).engine).toBe('tfjs');
    expect((await chooseRenderEngine({ [RENDER_ENGINE_ENV]: 'tfjs' })).engine).toBe('tfjs');
    await expect(chooseRenderEngine({ [RENDER_ENGINE_ENV]: 'gpu' })).rejects.toThrow("BRANCHSCOPE_RENDER_ENGINE must be 'ort' or 'tfjs', got 'gpu'");
  });

  it('records which engine rendered, and both engines draw the same image to within 0.02 after a few steps', async () => {
    const weights = seededWeights(graph, 1);
    const logs: string[] = [];
    const ort = await openLayerRenderer(await chooseRenderEngine({}), graph, weights, 'conv2', [32, 32], 'wasm', (m) => logs.push(m));
    const tfjs = await openLayerRenderer({ engine: 'tfjs', reason: 'test' }, graph, weights, 'conv2', [32, 32], 'wasm');
    expect([ort.engine, tfjs.engine]).toEqual(['ort-cpu', 'tfjs-wasm']);
    const [a, b] = [await ort.render(options), await tfjs.render(options)];
    const worst = Math.max(...a.images[0]!.data.map((v, i) => Math.abs(v - b.images[0]!.data[i]!)));
    expect(worst).toBeLessThan(0.02);
    expect(logs).toEqual([]);
    ort.dispose();
    tfjs.dispose();
  });

  it('falls back to TF.js, saying why, for a layer the gradient generator is not given', async () => {
    const logs: string[] = [];
    const renderer = await openLayerRenderer({ engine: 'ort', reason: 'test' }, graph, seededWeights(graph, 1), 'nope', [32, 32], 'wasm', (m) => logs.push(m));
    expect(renderer.engine).toBe('tfjs-wasm');
    expect(logs[0]).toMatch(/falls back to TF.js wasm: .*nope/);
    renderer.dispose();
  });
});
