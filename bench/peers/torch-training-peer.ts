/**
 * The PyTorch peer of bench/training.ts: Debian's /usr/bin/python3 with torch running training_torch.py (the small
 * 2-branch AlexNet, Adam, cross-entropy), kept warm between commands so its runs interleave with ours.
 * `startTorchTrainingPeer` resolves to a reason string instead when python or torch cannot be had.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'training_torch.py');

export interface TorchTrainingPeer {
  /** torch's version and thread count. */
  readonly version: string;
  /** Wall seconds of `steps` timed training steps at batch `batch` (after one untimed step) on `threads` threads. */
  train(batch: number, steps: number, threads: number): Promise<number>;
  close(): void;
}

export async function startTorchTrainingPeer(options: { threads: number; classes: number; size: number; learningRate: number }): Promise<TorchTrainingPeer | string> {
  if (!existsSync(PYTHON)) return `${PYTHON} not found (install Debian's python3-torch)`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return `${PYTHON} cannot import torch: ${(probe.stderr || '').trim().split('\n').pop()}`;
  const args = [SCRIPT, '--threads', String(options.threads), '--classes', String(options.classes), '--size', String(options.size), '--lr', String(options.learningRate)];
  const threads = String(options.threads);
  const child = spawn(PYTHON, args, { env: { ...process.env, OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the torch training peer exited: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return JSON.parse(value) as Record<string, unknown>;
  };
  const ready = await next().catch((error: Error) => error.message);
  if (typeof ready === 'string') return ready;
  return {
    version: `torch ${ready.torch}, ${ready.threads} threads`,
    train: async (batch, steps, threads) => {
      child.stdin.write(JSON.stringify({ batch, steps, threads }) + '\n');
      return (await next()).seconds as number;
    },
    close: () => {
      child.stdin.end(JSON.stringify({ quit: true }) + '\n');
    },
  };
}
