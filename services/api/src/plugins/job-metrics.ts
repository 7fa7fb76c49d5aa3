import { JOB_KINDS, laneOf, type JobQueue, type Logger } from '@branchscope/jobs';
import { countJobs, type JobCount, type Store } from '@branchscope/store';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Seconds a job runs: from an SVD (about a second) to an import or a long render. */
const DURATION_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

export interface JobMetricsOptions {
  store: Store;
  queue: JobQueue;
  logger: Logger;
}

/**
 * Job metrics, in both queue modes (the API's queue reports jobs run anywhere, and the store records them all):
 * - `branchscope_jobs_finished_total{kind, status}` (`succeeded` / `failed`) and
 *   `branchscope_job_duration_seconds{kind, status}`: jobs that ended since this process started, from the queue's
 *   events; every known kind starts at 0;
 * - `branchscope_jobs{kind, status}` (`queued` / `running`): the jobs now queued or running, counted in the store at
 *   each scrape (one grouped query over the jobs table), every known kind present (0 when idle);
 * - `branchscope_queue_depth{lane, kind}`: the queued ones by lane, every known kind and lane present (0 when idle).
 * `refresh()` counts the store; the `/metrics` route calls it before each scrape. `stop()` stops following the queue.
 */
export function jobMetrics(registry: Registry, options: JobMetricsOptions): { refresh(): Promise<void>; stop(): void } {
  const finished = new Counter({
    name: 'branchscope_jobs_finished_total',
    help: 'Jobs that ended since the API started, by kind and status (succeeded or failed)',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'branchscope_job_duration_seconds',
    help: 'Seconds a job ran, from its start to its end, by kind and status',
    labelNames: ['kind', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  for (const kind of JOB_KINDS) for (const status of ['succeeded', 'failed']) finished.inc({ kind, status }, 0);

  const jobs = new Gauge({
    name: 'branchscope_jobs',
    help: 'Jobs queued or running now, by kind and status (queued or running), from the store',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
  });
  const depth = new Gauge({
    name: 'branchscope_queue_depth',
    help: 'Jobs waiting for a worker, by lane and kind, from the store',
    labelNames: ['lane', 'kind'] as const,
    registers: [registry],
  });

  /** One grouped count of the store sets both gauges; a failed count leaves them empty (and says so at `warn`). */
  const refresh = async (): Promise<void> => {
    let counts: JobCount[] | undefined;
    try {
      counts = await countJobs(options.store, ['QUEUED', 'RUNNING']);
    } catch (error) {
      options.logger.warn('metrics: cannot count jobs in the store', { error: error instanceof Error ? error.message : String(error) });
    }
    // Reset and set with no await between, so a concurrent scrape never renders half of them.
    jobs.reset();
    depth.reset();
    if (!counts) return;
    for (const kind of JOB_KINDS) {
      for (const status of ['queued', 'running']) jobs.set({ kind, status }, 0);
      depth.set({ lane: laneOf(kind), kind }, 0);
    }
    for (const { kind, status, count } of counts) {
      jobs.set({ kind, status: status.toLowerCase() }, count);
      if (status === 'QUEUED') depth.set({ lane: laneOf(kind), kind }, count);
    }
  };

  const unsubscribe = options.queue.subscribe(({ type, job }) => {
    if (type !== 'finished') return;
    const labels = { kind: job.kind, status: job.status === 'SUCCEEDED' ? 'succeeded' : 'failed' };
    finished.inc(labels);
    const from = job.startedAt ?? job.createdAt;
    if (job.finishedAt) duration.observe(labels, Math.max(0, Date.parse(job.finishedAt) - Date.parse(from)) / 1000);
  });
  return { refresh, stop: unsubscribe };
}
