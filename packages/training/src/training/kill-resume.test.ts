import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FILE, type CheckpointMeta } from './checkpoint';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(here, 'testing', 'train-child.ts');
const EPOCHS = 6;
const KILL_AFTER_EPOCH = 2;
let root: string;

/** Starts train-child.ts on wasm (every process the same backend, so the bytes can match). */
function startChild(dir: string, resume = false): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const args = ['--import', 'tsx', CHILD, dir, String(EPOCHS), ...(resume ? ['resume'] : [])];
  const child = spawn(process.execPath, args, { cwd: path.resolve(here, '../..'), env: { ...process.env, BRANCHSCOPE_BACKEND: 'wasm' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, exited };
}

/** Runs a child to completion and returns its JSON result line. */
async function runChild(dir: string, resume = false): Promise<{ epoch: number; resumedFrom: number }> {
  const { code, stdout, stderr } = await startChild(dir, resume).exited;
  if (code !== 0) throw new Error(`train-child.ts ${dir}${resume ? ' resume' : ''} exited with ${code}: ${stderr}`);
  return JSON.parse(stdout.trim()) as { epoch: number; resumedFrom: number };
}

/** The epoch of the checkpoint in `dir`, 0 while there is none (checkpoint.json is replaced atomically, so it is never half-written). */
async function checkpointEpoch(dir: string): Promise<number> {
  try {
    return (JSON.parse(await readFile(path.join(dir, CHECKPOINT_FILE), 'utf8')) as CheckpointMeta).epoch;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

async function weightBytes(dir: string): Promise<Buffer> {
  const meta = JSON.parse(await readFile(path.join(dir, CHECKPOINT_FILE), 'utf8')) as CheckpointMeta;
  return readFile(path.join(dir, meta.weightsFile));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nn-kill-resume-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('train in a killed process', () => {
  it('resumes a run killed with SIGKILL after its epoch-2 checkpoint to the same weight bytes as a straight run', async () => {
    const straightDir = path.join(root, 'straight');
    const killedDir = path.join(root, 'killed');
    expect(await runChild(straightDir)).toEqual({ epoch: EPOCHS, resumedFrom: 0 });

    const { child, exited } = startChild(killedDir);
    let done = false;
    void exited.then(() => (done = true));
    while (!done && (await checkpointEpoch(killedDir)) < KILL_AFTER_EPOCH) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    const killed = await exited;
    // Killed by the signal, not finished or failed on its own, and before writing its last checkpoint.
    expect(killed.signal, `the child ended before the kill: ${killed.stderr}`).toBe('SIGKILL');
    const left = await checkpointEpoch(killedDir);
    expect(left).toBeGreaterThanOrEqual(KILL_AFTER_EPOCH);
    expect(left).toBeLessThan(EPOCHS);

    const resumed = await runChild(killedDir, true);
    expect(resumed.resumedFrom).toBe(left);
    expect(resumed.resumedFrom).toBeGreaterThanOrEqual(KILL_AFTER_EPOCH);
    expect(resumed.epoch).toBe(EPOCHS);
    const [straightBytes, resumedBytes] = await Promise.all([weightBytes(straightDir), weightBytes(killedDir)]);
    expect(resumedBytes.length).toBeGreaterThan(0);
    expect(resumedBytes.equals(straightBytes)).toBe(true);
  }, 40_000);
});
