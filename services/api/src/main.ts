import { createLogger, formatLogLine } from '@branchscope/jobs';
import { maskStoreTarget } from '@branchscope/store';
import { readApiConfig } from './api-config';
import { createApiServer, HTTP_DRAIN_MS } from './create-api-server';

/**
 * How long a stop may take before the process exits anyway: open requests get {@link HTTP_DRAIN_MS}, the rest is
 * for the queue (an in-process job still running is recorded as interrupted at the next start) and the store.
 */
const STOP_DEADLINE_MS = HTTP_DRAIN_MS + 10_000;

/** Entry point: `node --import tsx services/api/src/main.ts`. */
async function main(): Promise<void> {
  const logger = createLogger();
  const config = readApiConfig();
  const server = createApiServer({ ...config, logger });
  // Handlers first: a signal that arrives while the server starts, or just as it says it listens, stops it too.
  let starting: Promise<unknown> = Promise.resolve();
  let stopping: string | undefined;
  let step = 'http';
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal (Ctrl-C twice) means now.
      logger.warn(`api exiting at once on a second signal (${signal}) while stopping at step ${step}`);
      process.exit(1);
    }
    stopping = signal;
    logger.info(`api stopping (${signal})`);
    const deadline = setTimeout(() => {
      logger.error(`api did not stop within ${STOP_DEADLINE_MS} ms (still at step ${step}); exiting; jobs still running in this process are recorded as interrupted at the next start`);
      process.exit(1);
    }, STOP_DEADLINE_MS);
    deadline.unref();
    starting
      .catch(() => undefined)
      .then(() =>
        server.stop((next) => {
          step = next;
          logger.debug(`api stopping: ${next}`);
        }),
      )
      .then(
        () => {
          logger.info('api stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(`api did not stop cleanly: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const start = server.start();
  starting = start;
  const { url } = await start;
  if (!stopping) logger.info(`api listening on ${url}`, { queue: config.queue.kind, db: maskStoreTarget(config.dbPath), level: logger.level, reads: config.access.reads, auth: config.access.auth });
}

main().catch((error: unknown) => {
  // Written whatever the level (and even when the level itself is what failed): the process is about to exit.
  process.stderr.write(`${formatLogLine(new Date(), 'error', `api failed to start: ${error instanceof Error ? error.message : String(error)}`)}\n`);
  process.exit(1);
});
