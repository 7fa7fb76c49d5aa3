import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { createInProcessQueue, createLogger, createRedisQueue, poolLaneSizes, readPoolConfig, redactRedisUrl, type JobQueue, type Logger, type PoolConfig, type RedisJobQueue } from '@branchscope/jobs';
import { connectStore, type Store } from '@branchscope/store';
import express from 'express';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { DEFAULT_MAX_UPLOAD_BYTES, type QueueConfig } from './api-config';
import { DEFAULT_ACCESS_POLICY, type AccessPolicy } from './auth/access-policy';
import { callerOf, roleOf } from './auth/caller';
import type { ApiContext } from './context';
import type { ApiDeps } from './domain/api-deps';
import { liveRenderBackend } from './domain/render-backend';
import { readCatalogueFile } from './domain/catalogue-file';
import { registerDefaultDataset } from './domain/datasets';
import { createModelCatalog } from './domain/model-catalog';
import { PRETRAINED_MODELS } from './domain/pretrained-models';
import { registerBuiltinModels } from './domain/register-builtin-models';
import { registerPublishedLabelSets } from './domain/register-published-label-sets';
import { artifactRoute } from './plugins/artifact-route';
import { gridAtlasRoute } from './plugins/grid-atlas-route';
import { authPlugin } from './plugins/auth';
import { bodyErrors, jsonBody } from './plugins/body-limit';
import { localhostCors } from './plugins/cors';
import { depthLimitRule } from './plugins/depth-limit';
import { formatError } from './plugins/error-codes';
import { healthRoute } from './plugins/health';
import { httpLog } from './plugins/http-log';
import { keepIdleConnectionsOpen } from './plugins/keep-alive';
import { logJobEvents } from './plugins/job-log';
import { jobMetrics } from './plugins/job-metrics';
import { createMetricsRegistry, metricsRoute } from './plugins/metrics';
import { requestId, requestIdFrom, requestIdOf } from './plugins/request-id';
import { requestLog } from './plugins/request-log';
import { requestMetrics } from './plugins/request-metrics';
import { subscriptionServer } from './plugins/subscriptions';
import { unexpectedErrors, unexpectedHttpErrors } from './plugins/unexpected-errors';
import { workerMetrics } from './plugins/worker-metrics';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export interface ApiServerOptions {
  /** The SQLite file, or a `postgres://` URL (see `connectStore`). */
  dbPath: string;
  /** With a PostgreSQL database: the folder for its blob files, uploads and downloads; `data` under the working directory by default. */
  dataDir?: string;
  /** 0 picks a free port; `start()` reports the one chosen. */
  port: number;
  host?: string;
  /** `in-process` (default) runs the worker in this process; `none` only enqueues (workers run elsewhere). */
  worker?: 'in-process' | 'none';
  /** Where jobs go: the in-process queue (default), or Redis for standalone workers (then no worker runs here). */
  queue?: QueueConfig;
  /** Largest model file `importModel` accepts as base64; 256 MiB by default. */
  maxUploadBytes?: number;
  /** A JSON catalogue file replacing the built-in pretrained models (see `readCatalogueFile`). */
  catalogueFile?: string;
  /** Where the in-process worker keeps fetched models; `downloads/` beside the database by default. */
  downloadDir?: string;
  /** Where the service logs (requests, jobs, start-up); `createLogger()` (stdout/stderr, `BRANCHSCOPE_LOG_LEVEL`) by default. */
  logger?: Logger;
  /**
   * The in-process worker's pool of worker processes (`BRANCHSCOPE_WORKERS`, `BRANCHSCOPE_WORKER_THREADS` by
   * default): handlers run there, never on the API's event loop; `workers: 0` runs them here.
   */
  pool?: PoolConfig;
  /** Who may read, write and import from where; public reads and the local editor by default. */
  access?: AccessPolicy;
}

export interface ApiServer {
  /** Opens the store, registers the built-in models, starts the worker and listens. Resolves with the GraphQL URL. */
  start(): Promise<{ url: string; port: number }>;
  /**
   * Stops taking requests (open ones get {@link HTTP_DRAIN_MS} to finish), lets running jobs finish and closes the
   * store. `onStep` hears each step as it begins (`http`, `queue`, `store`), so a caller with a deadline can say
   * which one overran it.
   */
  stop(onStep?: (step: 'http' | 'queue' | 'store') => void): Promise<void>;
}

/** How long `stop()` lets open HTTP requests (a query waiting for its job, say) finish before closing them. */
export const HTTP_DRAIN_MS = 5000;

/** The GraphQL service: Apollo Server on express, over the store and the job queue. */
export function createApiServer(options: ApiServerOptions): ApiServer {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? createLogger();
  let store: Store | undefined;
  let queue: JobQueue | undefined;
  let worker: { close(): Promise<void> } | undefined;
  let httpServer: Server | undefined;
  let apollo: ApolloServer<ApiContext> | undefined;

  return {
    async start() {
      // Read first, so a bad catalogue file stops the start before anything is opened.
      const catalogue = options.catalogueFile ? await readCatalogueFile(options.catalogueFile) : PRETRAINED_MODELS;
      store = await connectStore(options.dbPath, options.dataDir ? { filesDir: options.dataDir } : {});
      const added = await registerBuiltinModels(store);
      if (added.length > 0) logger.info(`registered built-in models: ${added.join(', ')}`);
      const labelSets = await registerPublishedLabelSets(store);
      if (labelSets.length > 0) logger.info(`registered published label sets: ${labelSets.join(', ')}`);
      const defaultDataset = await registerDefaultDataset(store);
      if (defaultDataset) logger.info(`registered dataset: ${defaultDataset}`);
      const queueConfig = options.queue ?? { kind: 'in-process' };
      const onError = (error: Error) => logger.error(`queue: ${error.message}`);
      let redisQueue: RedisJobQueue | undefined;
      if (queueConfig.kind === 'redis') queue = redisQueue = await openRedisQueue(store, queueConfig, logger);
      else {
        // One job at a time per pool process: the render lane runs as many jobs at once as it has processes.
        const pool = options.pool ?? readPoolConfig();
        queue = createInProcessQueue({ store, onError, concurrency: store.path === ':memory:' || pool.workers === 0 ? 1 : poolLaneSizes(pool) });
        logJobEvents(queue, logger);
      }
      let workerBackend: string | null = null;
      if (queueConfig.kind === 'in-process' && (options.worker ?? 'in-process') === 'in-process') {
        // Loaded only here, so an API that runs no worker never loads TensorFlow.js.
        const { startInProcessWorker } = await import('@branchscope/worker/in-process');
        // Beside the database, like uploads, unless configured.
        const downloadDir = options.downloadDir ?? (store.path === ':memory:' ? path.join(tmpdir(), 'branchscope-downloads') : path.join(path.dirname(store.path), 'downloads'));
        const started = await startInProcessWorker({ queue, store, log: (message) => logger.info(message), downloadDir, pool: options.pool ?? readPoolConfig() });
        worker = started;
        workerBackend = started.backend;
      }
      const deps: ApiDeps = {
        store,
        queue,
        catalog: createModelCatalog(store),
        workerBackend,
        // Renders that name no backend go to the fastest backend live workers render on.
        ...(redisQueue ? { renderBackend: liveRenderBackend(() => redisQueue.workers()) } : {}),
        maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
        // Beside the database, so uploads waiting for their job survive a restart as the queued jobs do.
        uploadDir: store.path === ':memory:' ? path.join(tmpdir(), 'branchscope-uploads') : path.join(path.dirname(store.path), 'uploads'),
        catalogue,
      };

      // Metrics live as long as the server; the queue they follow closes with it.
      const metrics = createMetricsRegistry();
      const jobGauges = jobMetrics(metrics, { store, queue, logger });
      const workerGauges = workerMetrics(metrics, { inProcessBackend: workerBackend, ...(redisQueue ? { listWorkers: () => redisQueue.workers() } : {}), logger });

      const access = options.access ?? DEFAULT_ACCESS_POLICY;
      const app = express();
      httpServer = keepIdleConnectionsOpen(createServer(app));
      const schema = makeExecutableSchema({ typeDefs, resolvers });
      apollo = new ApolloServer<ApiContext>({
        schema,
        validationRules: [depthLimitRule()],
        formatError,
        // The process's owner (main.ts) handles SIGINT and SIGTERM and calls stop(). Apollo's own handlers would
        // race it: a second apollo.stop() during the first waits on a barrier Apollo 5 only releases on error, so
        // the API never exited once Redis connections kept the process alive.
        stopOnTerminationSignals: false,
        // Said outright (Apollo's default): a GET, or a POST without a JSON content type, needs a header a
        // browser's simple cross-site request cannot send (apollo-require-preflight or x-apollo-operation-name).
        csrfPrevention: true,
        plugins: [
          authPlugin(access),
          unexpectedErrors(logger),
          requestLog(logger),
          requestMetrics(metrics),
          ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: HTTP_DRAIN_MS }),
          subscriptionServer({
            httpServer,
            schema,
            path: '/graphql',
            // Each subscription gets an id of its own: a WebSocket upgrade passes no express middleware. Its token,
            // if any, comes as the connection parameter `authorization` ('Bearer <token>').
            context: async ({ connectionParams, remoteAddress }): Promise<ApiContext> => ({
              deps,
              requestId: requestIdFrom(undefined),
              caller: await callerOf(store!, access, authorizationParam(connectionParams), remoteAddress),
              access,
            }),
            authorize: async ({ connectionParams, remoteAddress }) => {
              const caller = await callerOf(store!, access, authorizationParam(connectionParams), remoteAddress);
              return caller.kind !== 'invalid' && (access.reads === 'public' || roleOf(caller) !== undefined);
            },
            validationRules: [depthLimitRule()],
            formatError,
            logger,
          }),
        ],
      });
      await apollo.start();
      app.disable('x-powered-by');
      app.use(requestId());
      app.use(httpLog(logger));
      app.use(localhostCors());
      app.use(healthRoute({ store, queue, queueMode: queueConfig.kind }));
      app.use(metricsRoute(metrics, [jobGauges.refresh, workerGauges.refresh]));
      app.use(artifactRoute(store));
      app.use(gridAtlasRoute(store));
      app.use(
        '/graphql',
        jsonBody(deps.maxUploadBytes),
        expressMiddleware(apollo, {
          context: async ({ req, res }): Promise<ApiContext> => ({
            deps,
            requestId: requestIdOf(res),
            caller: await callerOf(deps.store, access, req.headers.authorization, req.socket.remoteAddress),
            access,
          }),
        }),
      );
      app.use(bodyErrors());
      app.use(unexpectedHttpErrors(logger));

      const server = httpServer;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const port = (server.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return { url: `http://${shownHost}:${port}/graphql`, port };
    },

    async stop(onStep) {
      // Apollo's drain plugin closes the HTTP server and the WebSocket subscriptions; without Apollo started,
      // close the server directly.
      onStep?.('http');
      if (apollo) await apollo.stop();
      else if (httpServer?.listening) await new Promise((resolve) => httpServer!.close(resolve));
      onStep?.('queue');
      await queue?.close();
      await worker?.close();
      onStep?.('store');
      await store?.close();
    },
  };
}

/** A WebSocket client's `authorization` connection parameter, when it is a string. */
function authorizationParam(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/** The Redis queue, once Redis answers; a start fails naming the URL rather than hanging on an unreachable Redis. */
async function openRedisQueue(store: Store, config: Extract<QueueConfig, { kind: 'redis' }>, logger: Logger): Promise<RedisJobQueue> {
  const queue = createRedisQueue({ store, url: config.url, prefix: config.prefix, onError: (error) => logger.error(`queue: ${error.message}`) });
  // Before ready(): it collects jobs that finished while the API was down, and those get their lines too.
  logJobEvents(queue, logger);
  try {
    await queue.ready();
  } catch (error) {
    await queue.close();
    throw error;
  }
  logger.info(`jobs go to standalone workers through Redis at ${redactRedisUrl(config.url)} (prefix ${config.prefix})`);
  return queue;
}
