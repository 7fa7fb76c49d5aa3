import type { Logger, WorkerAnnouncement } from '@branchscope/jobs';
import { Gauge, type Registry } from 'prom-client';

export interface WorkerMetricsOptions {
  /** The TensorFlow.js backend of the worker in this process, or null when none runs here. */
  inProcessBackend: string | null;
  /** The standalone workers announced through Redis (Redis mode only). */
  listWorkers?: () => Promise<WorkerAnnouncement[]>;
  logger: Logger;
}

/**
 * `branchscope_worker_backends{backend, mode}`: how many workers run jobs on each TensorFlow.js backend (`node-gpu`,
 * `node`, `wasm`, `cpu`): the in-process worker (`mode="in-process"`), and in Redis mode the standalone workers that
 * announced themselves within the last 45 s (`mode="redis"`), read from Redis by `refresh()`, which the `/metrics`
 * route calls before each scrape; and `branchscope_worker_capabilities{capability, mode="redis"}`: how many of those
 * announced each capability (`render:ort+wasm`, `svd-factors`, ...).
 */
export function workerMetrics(registry: Registry, options: WorkerMetricsOptions): { refresh(): Promise<void> } {
  const gauge = new Gauge({
    name: 'branchscope_worker_backends',
    help: 'Workers by TensorFlow.js backend and mode (in-process, or standalone through redis)',
    labelNames: ['backend', 'mode'] as const,
    registers: [registry],
  });
  const capabilities = new Gauge({
    name: 'branchscope_worker_capabilities',
    help: 'Standalone workers by what they announced they run: render:<backend> (renders pinned to it go to them) and each job kind',
    labelNames: ['capability', 'mode'] as const,
    registers: [registry],
  });
  return {
    async refresh() {
      let standalone: WorkerAnnouncement[] = [];
      try {
        if (options.listWorkers) standalone = await options.listWorkers();
      } catch (error) {
        options.logger.warn('metrics: cannot list the workers in Redis', { error: error instanceof Error ? error.message : String(error) });
      }
      // Reset and set with no await between, so a concurrent scrape never renders half of them.
      gauge.reset();
      capabilities.reset();
      if (options.inProcessBackend) gauge.set({ backend: options.inProcessBackend, mode: 'in-process' }, 1);
      for (const worker of standalone) {
        gauge.inc({ backend: worker.backend, mode: 'redis' });
        for (const capability of worker.capabilities) capabilities.inc({ capability, mode: 'redis' });
      }
    },
  };
}
