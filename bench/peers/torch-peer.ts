/**
 * The PyTorch peer process of bench/featurevis.ts: Debian's /usr/bin/python3 with torch running
 * featurevis_torch.py on a folder written by write-torch-graph.ts, kept warm between commands so runs interleave
 * with ours. `startTorchPeer` resolves to a reason string instead when python or torch cannot be had.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'featurevis_torch.py');

export interface TorchPeer {
  readonly version: string;
  /** Wall and process-CPU seconds of `steps` timed steps of a `batch`-image render (after one untimed step). */
  render(batch: number, steps: number): Promise<{ wall: number; cpu: number }>;
  /** Sum and absolute sum of the target layer's activations for an NCHW input file in the peer's folder. */
  check(file: string, dims: number[]): Promise<{ sum: number; abs: number; dims: number[] }>;
  close(): void;
}

/** Why torch cannot run here, or undefined when it can. */
export function torchMissing(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found (install Debian's python3-torch)`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return `${PYTHON} cannot import torch and numpy: ${(probe.stderr || '').trim().split('\n').pop()}`;
  return undefined;
}

export async function startTorchPeer(folder: string, threads: number): Promise<TorchPeer | string> {
  const missing = torchMissing();
  if (missing) return missing;
  const child: ChildProcessWithoutNullStreams = spawn(PYTHON, [SCRIPT, folder, '--threads', String(threads)], {
    env: { ...process.env, OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the torch peer exited: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return JSON.parse(value) as Record<string, unknown>;
  };
  const ready = await next().catch((error: Error) => error.message);
  if (typeof ready === 'string') return ready;
  const ask = async (command: object) => {
    child.stdin.write(JSON.stringify(command) + '\n');
    return next();
  };
  return {
    version: `torch ${ready.torch}, ${ready.threads} threads`,
    render: async (batch, steps) => {
      const answer = await ask({ batch, steps });
      return { wall: answer.seconds as number, cpu: answer.cpu as number };
    },
    check: async (file, dims) => (await ask({ check: file, dims })) as { sum: number; abs: number; dims: number[] },
    close: () => {
      child.stdin.end(JSON.stringify({ quit: true }) + '\n');
    },
  };
}
