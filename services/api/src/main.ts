import { createLogger, formatLogLine } from '@branchscope/jobs';
import { readApiConfig } from './api-config';
import { createApiServer } from './create-api-server';

/** Entry point: `node --import tsx services/api/src/main.ts`. */
async function main(): Promise<void> {
  const logger = createLogger();
  const config = readApiConfig();
  const server = createApiServer({ ...config, logger });
  const { url } = await server.start();
  logger.info(`api listening on ${url}`, { queue: config.queue.kind, db: config.dbPath, level: logger.level });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`api stopping (${signal})`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`api did not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // Written whatever the level (and even when the level itself is what failed): the process is about to exit.
  process.stderr.write(`${formatLogLine(new Date(), 'error', `api failed to start: ${error instanceof Error ? error.message : String(error)}`)}\n`);
  process.exit(1);
});
