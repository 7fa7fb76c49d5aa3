import { availableParallelism } from 'node:os';
import { JobQueueError } from './job-queue';
import type { JobLane } from './kinds/lanes';

/** How the in-process queue's worker pool is sized, from the environment. */
export interface PoolConfig {
  /** Pool processes of the render lane; 0 runs every handler on the API's own thread (no pool). */
  workers: number;
  /** Engine threads each pool process may use (onnxruntime's intra-op threads, where that engine runs). */
  threads: number;
}

const integer = (env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name]?.trim() || String(fallback);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new JobQueueError(`${name} must be an integer from ${min} to ${max}, got '${env[name]}'`);
  return value;
};

/**
 * Reads `BRANCHSCOPE_WORKERS` (render-lane pool processes, one per core by default; 0 runs handlers on the API's
 * thread as before the pool) and `BRANCHSCOPE_WORKER_THREADS` (engine threads per pool process, 1 by default: a
 * render's units are split across the one-thread processes instead, which measured faster than one process on
 * every core, since the recipe's warps and Adam run in TF.js on one thread). Throws naming the variable when a value is invalid.
 */
export function readPoolConfig(env: Record<string, string | undefined> = process.env): PoolConfig {
  const cores = availableParallelism();
  return { workers: integer(env, 'BRANCHSCOPE_WORKERS', cores, 0, 256), threads: integer(env, 'BRANCHSCOPE_WORKER_THREADS', 1, 1, 256) };
}

/**
 * Pool processes per lane: `workers` for renders, one each for the quick and heavy lanes, so a quick job never
 * waits behind a render or an import. The in-process queue runs as many jobs at once per lane.
 */
export function poolLaneSizes(config: PoolConfig): Record<JobLane, number> {
  return { quick: 1, render: Math.max(1, config.workers), heavy: 1 };
}
