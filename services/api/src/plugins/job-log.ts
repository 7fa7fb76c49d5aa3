import { laneOf, type JobQueue, type JobRecord, type LogFields, type Logger } from '@branchscope/jobs';

/** Longest job error quoted in a line. */
const MAX_MESSAGE = 300;

const millisBetween = (from: string | null, to: string | null): number | undefined =>
  from && to ? Math.max(0, Date.parse(to) - Date.parse(from)) : undefined;

/** What names a job in a line: kind, lane, id, the start of its dedupe key, and the model and layer it is about. */
function jobFields(job: JobRecord): LogFields {
  const input = (job.input ?? {}) as { modelId?: unknown; layer?: unknown };
  return {
    kind: job.kind,
    lane: laneOf(job.kind),
    id: job.id,
    key: job.dedupeKey?.slice(0, 12),
    model: typeof input.modelId === 'string' ? input.modelId : undefined,
    layer: typeof input.layer === 'string' ? input.layer : undefined,
  };
}

/**
 * Logs every job of `queue` as it starts and when it ends (duration, time it waited in its lane, result, and the
 * error of a failed one), in both queue modes: the API's queue reports jobs run in-process and jobs run by
 * standalone workers alike. Queued and progress events go to `debug`. Returns the unsubscribe function.
 */
export function logJobEvents(queue: JobQueue, logger: Logger): () => void {
  return queue.subscribe(({ type, job }) => {
    if (type === 'queued') logger.debug('job queued', jobFields(job));
    else if (type === 'progress') logger.debug('job progress', { ...jobFields(job), progress: Math.round(job.progress * 100) / 100 });
    else if (type === 'started') logger.info('job started', { ...jobFields(job), waited_ms: millisBetween(job.createdAt, job.startedAt), worker: job.worker ?? undefined });
    else {
      const error = job.error && job.error.length > MAX_MESSAGE ? `${job.error.slice(0, MAX_MESSAGE)}...` : job.error;
      const fields = {
        ...jobFields(job),
        result: job.status === 'SUCCEEDED' ? 'succeeded' : 'failed',
        ms: millisBetween(job.startedAt ?? job.createdAt, job.finishedAt),
        worker: job.worker ?? undefined,
        error: error ?? undefined,
      };
      if (job.status === 'SUCCEEDED') logger.info('job finished', fields);
      else logger.warn('job finished', fields);
    }
  });
}
