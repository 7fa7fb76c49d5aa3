import { laneOf, type JobHandler, type JobInput, type JobQueue, type KindOf, type Logger, type ProcessOptions } from '@branchscope/jobs';

/**
 * `queue` with every handler registered through it wrapped to log a line when this process starts a job and when
 * it ends it (duration, result, the error of a failed one). For standalone workers, whose queue has no store and
 * so tells no subscribers; the API logs every job from its own queue in both modes.
 */
export function withJobRunLog<Q extends JobQueue>(queue: Q, logger: Logger): Q {
  const logged = <I>(kind: string, handler: JobHandler<I>): JobHandler<I> => async (context) => {
    const fields = { kind, lane: laneOf(kind), id: context.job.id, key: context.job.dedupeKey?.slice(0, 12) };
    const started = performance.now();
    logger.info('job started', fields);
    try {
      const output = await handler(context);
      logger.info('job finished', { ...fields, result: 'succeeded', ms: Math.round(performance.now() - started) });
      return output;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn('job finished', { ...fields, result: 'failed', ms: Math.round(performance.now() - started), error: message.slice(0, 300) });
      throw error;
    }
  };
  return { ...queue, process: <K extends KindOf>(kind: K, handler: JobHandler<JobInput<K>>, options?: ProcessOptions) => queue.process(kind, logged(kind, handler), options) };
}
