import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LOCK_MS } from '@branchscope/jobs';

/** How a standalone worker process is configured, from its environment. */
export interface WorkerConfig {
  redisUrl: string;
  redisPrefix: string;
  concurrency: number;
  lockDurationMs: number;
  /** How long a stopping worker lets its running jobs finish before handing them back to the queue. */
  stopGraceMs: number;
  /** Where `fetch-model` jobs keep their downloads. */
  downloadDir: string;
}

/** How long a stopping worker lets its jobs finish by default. */
export const DEFAULT_STOP_GRACE_MS = 10_000;

/** The repository root, three folders above this file (services/worker/src). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const positiveInteger = (env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name]?.trim() || String(fallback);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got '${env[name]}'`);
  return value;
};

/**
 * Reads `BRANCHSCOPE_REDIS_URL` (default redis://127.0.0.1:6379), `BRANCHSCOPE_REDIS_PREFIX` (default
 * `branchscope`; must match the API's), `BRANCHSCOPE_WORKER_CONCURRENCY` (jobs at once in each lane, default 1) and
 * `BRANCHSCOPE_WORKER_LOCK_MS` (how long a job stays claimed by a silent worker, default 5000: claims are renewed
 * from a thread of their own while the process lives, so this only sets how soon a dead worker's job is taken
 * over), `BRANCHSCOPE_WORKER_STOP_GRACE_MS` (how long SIGTERM lets running jobs finish before handing them back,
 * default 10000) and `BRANCHSCOPE_DOWNLOAD_DIR` (where fetched catalogue models go, default `<repo>/data/downloads`). Throws naming the
 * variable when a value is invalid.
 */
export function readWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const redisUrl = env.BRANCHSCOPE_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\/[^/]/.test(redisUrl)) throw new Error(`BRANCHSCOPE_REDIS_URL must look like redis://host:6379, got '${env.BRANCHSCOPE_REDIS_URL}'`);
  const redisPrefix = env.BRANCHSCOPE_REDIS_PREFIX?.trim() || 'branchscope';
  if (!/^[\w.-]+$/.test(redisPrefix)) throw new Error(`BRANCHSCOPE_REDIS_PREFIX may hold letters, digits, '_', '.' and '-' only, got '${redisPrefix}'`);
  return {
    redisUrl,
    redisPrefix,
    concurrency: positiveInteger(env, 'BRANCHSCOPE_WORKER_CONCURRENCY', 1, 1, 64),
    lockDurationMs: positiveInteger(env, 'BRANCHSCOPE_WORKER_LOCK_MS', DEFAULT_LOCK_MS, 1000, 3_600_000),
    stopGraceMs: positiveInteger(env, 'BRANCHSCOPE_WORKER_STOP_GRACE_MS', DEFAULT_STOP_GRACE_MS, 0, 3_600_000),
    downloadDir: path.resolve(env.BRANCHSCOPE_DOWNLOAD_DIR?.trim() || path.join(REPO_ROOT, 'data', 'downloads')),
  };
}
