import { readApiConfig } from './api-config';
import { createApiServer } from './create-api-server';

/** Entry point: `node --import tsx services/api/src/main.ts`. */
async function main(): Promise<void> {
  const config = readApiConfig();
  const server = createApiServer(config);
  const { url } = await server.start();
  console.log(`api listening on ${url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`api stopping (${signal})`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`api did not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`api failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
