import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tinyGraph } from '@branchscope/runtime/testing';
import { seededWeights } from '@branchscope/runtime';
import { buildGradientModel } from './build-gradient-model';
import { createOrtSession, SPINNING_ENV, spinWhenIdle } from './ort-session';

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

  it('spins only with several threads and a core idle for each, unless told; names a bad setting', async () => {
    expect(spinWhenIdle(2, 0.1, 2)).toBe(true);
    expect(spinWhenIdle(2, 1.2, 2)).toBe(false);
    expect(spinWhenIdle(1, 0, 2)).toBe(false);
    expect(spinWhenIdle(4, 3.9, 8)).toBe(true);
    const graph = tinyGraph();
    const bytes = buildGradientModel(graph, seededWeights(graph, 1), { outputs: ['c1'] });
    const told = await createOrtSession(bytes, { threads: 2, spinning: true });
    expect(told.spinning).toBe(true);
    await told.release();
    const saved = process.env[SPINNING_ENV];
    try {
      process.env[SPINNING_ENV] = '0';
      const off = await createOrtSession(bytes, { threads: 2 });
      expect(off.spinning).toBe(false);
      await off.release();
      process.env[SPINNING_ENV] = 'yes';
      await expect(createOrtSession(bytes, { threads: 2 })).rejects.toThrow(/BRANCHSCOPE_ORT_SPINNING must be 1 or 0, got 'yes'/);
    } finally {
      if (saved === undefined) delete process.env[SPINNING_ENV];
      else process.env[SPINNING_ENV] = saved;
    }
  });

  it('refuses a thread count that is not a positive integer', async () => {
    await expect(createOrtSession(new Uint8Array([8, 8]), { threads: 0 })).rejects.toThrow(/threads must be a positive integer, got 0/);
  });
});
