import { hostname } from 'node:os';
import { createLogger, createRedisQueue, formatLogLine, redactRedisUrl } from '@branchscope/jobs';
import { currentBackend, initBackend } from '@branchscope/runtime';
import { chooseRenderEngine, renderBackendLabel } from './featurevis/render-engine';
import { withJobRunLog } from './job-run-log';
import { registerHandlers } from './register-handlers';
import { readWorkerConfig } from './worker-config';

/**
 * Entry point of a standalone worker: `node --import tsx services/worker/src/main.ts`. It needs Redis only (the
 * API's database stays with the API): it takes jobs from the queue, runs them on the fastest TensorFlow.js backend
 * present and sends their results back through Redis. Run as many as there are machines.
 */
async function main(): Promise<void> {
  const logger = createLogger();
  const config = readWorkerConfig();
  const queue = createRedisQueue({
    url: config.redisUrl,
    prefix: config.redisPrefix,
    concurrency: config.concurrency,
    lockDurationMs: config.lockDurationMs,
    stopGraceMs: config.stopGraceMs,
    onError: (error) => logger.error(`worker: ${error.message}`),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal means now: a job still held is taken over once its claim lapses (BRANCHSCOPE_WORKER_LOCK_MS).
      logger.warn(`worker exiting at once on a second signal (${signal})`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`worker stopping (${signal}); finishing the jobs it holds, for up to ${config.stopGraceMs} ms, then handing them back to the queue`);
    // Handing back takes a Redis call per job; past this, something hangs (an unreachable Redis) and waiting is pointless.
    const deadline = setTimeout(() => {
      logger.error(`worker did not stop within ${config.stopGraceMs + 5000} ms; exiting`);
      process.exit(1);
    }, config.stopGraceMs + 5000);
    deadline.unref();
    queue.close().then(
      () => {
        logger.info('worker stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`worker did not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  await queue.ready();
  const backend = await initBackend(undefined, { log: (message) => logger.info(message) });
  // The fastest engine present, each faster one skipped logged with why; a TF.js choice may change the backend.
  const engine = await chooseRenderEngine(process.env, (message) => logger.info(message));
  const active = currentBackend() ?? backend;
  registerHandlers(withJobRunLog(queue, logger), { data: queue.jobData, backend: active, engine, downloadDir: config.downloadDir });
  // The API counts workers by backend from these announcements (its /metrics); render jobs name it too.
  queue.announce({ backend: renderBackendLabel(engine, active) });
  logger.info(
    `worker ${hostname()}:${process.pid} processing jobs from ${redactRedisUrl(config.redisUrl)} (prefix ${config.redisPrefix}, ` +
      `backend ${renderBackendLabel(engine, active)}, concurrency ${config.concurrency} per lane)`,
  );
}

main().catch((error: unknown) => {
  // Written whatever the level (and even when the level itself is what failed): the process is about to exit.
  process.stderr.write(`${formatLogLine(new Date(), 'error', `worker failed to start: ${error instanceof Error ? error.message : String(error)}`)}\n`);
  process.exit(1);
});
