/**
 * The numpy peer of bench/svd.ts: Debian's /usr/bin/python3 running svd_numpy.py, kept warm between commands so
 * its runs interleave with ours. `startNumpySvdPeer` resolves to a reason string when python or numpy is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'svd_numpy.py');

export interface NumpySvdPeer {
  /** numpy's version and the BLAS and LAPACK files it runs on. */
  readonly version: string;
  /**
   * Mean wall seconds per numpy.linalg.svd call on a raw float64 row-major file, over calls repeated until they fill
   * `minSeconds` (at least one), and the singular values it found.
   */
  svd(file: string, rows: number, cols: number, minSeconds?: number): Promise<{ seconds: number; s: number[] }>;
  close(): void;
}

export async function startNumpySvdPeer(): Promise<NumpySvdPeer | string> {
  if (!existsSync(PYTHON)) return `${PYTHON} not found (install Debian's python3-numpy)`;
  const probe = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return `${PYTHON} cannot import numpy: ${(probe.stderr || '').trim().split('\n').pop()}`;
  const child = spawn(PYTHON, [SCRIPT], { env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the numpy peer exited: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return JSON.parse(value) as Record<string, unknown>;
  };
  const ready = await next().catch((error: Error) => error.message);
  if (typeof ready === 'string') return ready;
  return {
    version: `numpy ${ready.numpy} on ${ready.blas} and ${ready.lapack}`,
    svd: async (file, rows, cols, minSeconds = 0) => {
      child.stdin.write(JSON.stringify({ file, rows, cols, min_seconds: minSeconds }) + '\n');
      return (await next()) as { seconds: number; s: number[] };
    },
    close: () => {
      child.stdin.end(JSON.stringify({ quit: true }) + '\n');
    },
  };
}
