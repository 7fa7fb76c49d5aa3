import type { JobQueue } from '@branchscope/jobs';
import { pingStore, type Store } from '@branchscope/store';
import { Router } from 'express';

/** One part's state: ok, or not with the reason. */
export type PartHealth = { ok: true } | { ok: false; reason: string };

/** What `GET /health` answers. */
export interface Health {
  ok: boolean;
  status: 'ok' | 'degraded';
  store: PartHealth;
  queue: PartHealth & { mode: 'in-process' | 'redis' };
}

export interface HealthOptions {
  store: Store;
  queue: JobQueue;
  queueMode: 'in-process' | 'redis';
}

/** The store's and the queue's state: one read of at most one row, and the queue's own answer (no I/O). */
export async function checkHealth(options: HealthOptions): Promise<Health> {
  const store: PartHealth = await pingStore(options.store).then(
    () => ({ ok: true }) as const,
    (error: unknown) => ({ ok: false, reason: `the store at ${options.store.location} cannot be read: ${error instanceof Error ? error.message : String(error)}` }),
  );
  const queue = { ...options.queue.health(), mode: options.queueMode };
  const ok = store.ok && queue.ok;
  return { ok, status: ok ? 'ok' : 'degraded', store, queue };
}

/**
 * `GET /health` -> 200 `{"ok":true,"status":"ok","store":{"ok":true},"queue":{"ok":true,"mode":"in-process"}}`
 * while the store answers and the queue takes jobs; 503 with `"status":"degraded"` and each failing part's
 * `reason` otherwise (a closed or unreadable store, Redis unreachable). Cheap enough for every probe of a load
 * balancer or start script: no job, no model, one row read.
 */
export function healthRoute(options: HealthOptions): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const health = await checkHealth(options);
    res.status(health.ok ? 200 : 503).set('cache-control', 'no-store').json(health);
  });
  return router;
}
