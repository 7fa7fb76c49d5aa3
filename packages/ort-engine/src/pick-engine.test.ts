import { describe, expect, it } from 'vitest';
import { pickEngine } from './pick-engine';

describe('pickEngine', () => {
  it('picks onnxruntime on the CPU here, logging one line for each faster engine it skipped and why', async () => {
    const lines: string[] = [];
    const engine = await pickEngine({ log: (m) => lines.push(m), env: {} });
    expect(engine).toMatchObject({ name: 'ort-cpu', kind: 'ort', providers: ['cpu'] });
    expect(engine.skipped.map((s) => s.split(':')[0])).toEqual(['ort-cuda', 'tfjs-node-gpu', 'tfjs-webgpu']);
    expect(lines.filter((l) => l.includes('skipped'))).toHaveLength(3);
    expect(engine.skipped[0]).toMatch(/CUDA/);
    expect(lines.at(-1)).toMatch(/^\[ort-engine\] engine: ort-cpu \(onnxruntime-node, providers cpu/);
  });

  it('falls back to TF.js with the reason logged where onnxruntime-node fails to load', async () => {
    const lines: string[] = [];
    const engine = await pickEngine({ log: (m) => lines.push(m), env: {}, loadOrt: () => Promise.reject(new Error('libonnxruntime.so.1: cannot open shared object file')) });
    expect(engine.kind).toBe('tfjs');
    expect(engine.skipped.find((s) => s.startsWith('ort-cpu'))).toMatch(/onnxruntime-node cannot load \(libonnxruntime\.so\.1/);
  });

  it('BRANCHSCOPE_ENGINE forces an engine; a forced one that cannot start, or an unknown name, is an error naming it', async () => {
    const engine = await pickEngine({ log: () => {}, env: { BRANCHSCOPE_ENGINE: 'tfjs-cpu' } });
    expect(engine).toMatchObject({ name: 'tfjs-cpu', kind: 'tfjs', backend: 'cpu' });
    await expect(pickEngine({ log: () => {}, env: { BRANCHSCOPE_ENGINE: 'ort-cuda' } })).rejects.toThrow(/BRANCHSCOPE_ENGINE=ort-cuda .* unavailable: .*CUDA/);
    await expect(pickEngine({ log: () => {}, env: { BRANCHSCOPE_ENGINE: 'tpu' } })).rejects.toThrow(/'tpu' is not an engine; use one of ort-cuda/);
  });
});
