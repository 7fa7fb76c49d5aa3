import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tinyGraph } from '@branchscope/runtime/testing';
import { seededWeights } from '@branchscope/runtime';
import { buildGradientModel } from './build-gradient-model';
import { createOrtSession } from './ort-session';

describe('createOrtSession', () => {
  it('loads onnxruntime-node only when first used: importing @branchscope/ort-engine does not load it', { timeout: 60_000 }, () => {
    const code = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('onnxruntime-node'));
      const engine = await import('@branchscope/ort-engine');
      const before = loaded();
      await engine.loadOrt();
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toEqual({ before: false, after: true });
  });

  it('uses one intra-op thread per core by default, and names a missing or unknown feed', async () => {
    const graph = tinyGraph();
    const session = await createOrtSession(buildGradientModel(graph, seededWeights(graph, 1), { outputs: ['c1'] }));
    try {
      expect(session.threads).toBeGreaterThanOrEqual(1);
      expect(session.providers).toEqual(['cpu']);
      expect(session.inputNames).toEqual(['input', 'seed:c1']);
      expect(session.outputNames).toEqual(['c1', 'grad:input']);
      const input = { data: new Float32Array(3 * 81), dims: [1, 3, 9, 9] };
      await expect(session.run({ input })).rejects.toThrow(/no feed for input 'seed:c1'/);
      await expect(session.run({ input, 'seed:c1': { data: new Float32Array(4 * 81), dims: [1, 4, 9, 9] }, extra: 1 })).rejects.toThrow(/no input 'extra'/);
    } finally {
      await session.release();
    }
  });

  it('refuses a thread count that is not a positive integer', async () => {
    await expect(createOrtSession(new Uint8Array([8, 8]), { threads: 0 })).rejects.toThrow(/threads must be a positive integer, got 0/);
  });
});
