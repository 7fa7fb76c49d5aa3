import { Router } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The server's Prometheus registry, with prom-client's default process metrics (`process_cpu_seconds_total`,
 * `process_resident_memory_bytes`, `nodejs_eventloop_lag_seconds`, heap, GC, handles, ...). The request, job and
 * worker metrics register on it (`request-metrics.ts`, `job-metrics.ts`, `worker-metrics.ts`). One per server, not
 * prom-client's global one, so two servers in one process (tests) keep separate counts.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * `GET /metrics` -> every metric of `registry` in Prometheus' text format (version 0.0.4), after `refreshers` (the
 * gauges read from the store and from Redis) have run, one after the other, so one scrape reads each source once.
 */
export function metricsRoute(registry: Registry, refreshers: readonly (() => Promise<void>)[] = []): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    for (const refresh of refreshers) await refresh();
    const text = await registry.metrics();
    res.status(200).set({ 'content-type': registry.contentType, 'cache-control': 'no-store' }).send(text);
  });
  return router;
}
