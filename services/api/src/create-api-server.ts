import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { createInProcessQueue, createRedisQueue, redactRedisUrl, type JobQueue } from '@branchscope/jobs';
import { openStore, type Store } from '@branchscope/store';
import express from 'express';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { DEFAULT_MAX_UPLOAD_BYTES, type QueueConfig } from './api-config';
import type { ApiContext } from './context';
import type { ApiDeps } from './domain/api-deps';
import { createModelCatalog } from './domain/model-catalog';
import { registerBuiltinModels } from './domain/register-builtin-models';
import { registerPublishedLabelSets } from './domain/register-published-label-sets';
import { artifactRoute } from './plugins/artifact-route';
import { bodyErrors, jsonBody } from './plugins/body-limit';
import { localhostCors } from './plugins/cors';
import { depthLimitRule } from './plugins/depth-limit';
import { formatError } from './plugins/error-codes';
import { healthRoute } from './plugins/health';
import { subscriptionServer } from './plugins/subscriptions';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export interface ApiServerOptions {
  dbPath: string;
  /** 0 picks a free port; `start()` reports the one chosen. */
  port: number;
  host?: string;
  /** `in-process` (default) runs the worker in this process; `none` only enqueues (workers run elsewhere). */
  worker?: 'in-process' | 'none';
  /** Where jobs go: the in-process queue (default), or Redis for standalone workers (then no worker runs here). */
  queue?: QueueConfig;
  /** How long a request waits for a job it started; 5 minutes by default. */
  jobWaitTimeoutMs?: number;
  /** Largest model file `importModel` accepts as base64; 256 MiB by default. */
  maxUploadBytes?: number;
  log?: (message: string) => void;
}

export interface ApiServer {
  /** Opens the store, registers the built-in models, starts the worker and listens. Resolves with the GraphQL URL. */
  start(): Promise<{ url: string; port: number }>;
  /** Stops taking requests, lets running jobs finish and closes the store. */
  stop(): Promise<void>;
}

/** The GraphQL service: Apollo Server on express, over the store and the job queue. */
export function createApiServer(options: ApiServerOptions): ApiServer {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((message: string) => console.log(message));
  let store: Store | undefined;
  let queue: JobQueue | undefined;
  let httpServer: Server | undefined;
  let apollo: ApolloServer<ApiContext> | undefined;

  return {
    async start() {
      store = openStore(options.dbPath);
      const added = await registerBuiltinModels(store);
      if (added.length > 0) log(`registered built-in models: ${added.join(', ')}`);
      const labelSets = await registerPublishedLabelSets(store);
      if (labelSets.length > 0) log(`registered published label sets: ${labelSets.join(', ')}`);
      const queueConfig = options.queue ?? { kind: 'in-process' };
      queue = queueConfig.kind === 'redis' ? await openRedisQueue(store, queueConfig, log) : createInProcessQueue({ store });
      let workerBackend: string | null = null;
      if (queueConfig.kind === 'in-process' && (options.worker ?? 'in-process') === 'in-process') {
        // Loaded only here, so an API that runs no worker never loads TensorFlow.js.
        const { startInProcessWorker } = await import('@branchscope/worker');
        workerBackend = (await startInProcessWorker({ queue, store, log })).backend;
      }
      const deps: ApiDeps = {
        store,
        queue,
        catalog: createModelCatalog(store),
        workerBackend,
        jobWaitTimeoutMs: options.jobWaitTimeoutMs ?? 5 * 60_000,
        maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
        // Beside the database, so uploads waiting for their job survive a restart as the queued jobs do.
        uploadDir: store.path === ':memory:' ? path.join(tmpdir(), 'branchscope-uploads') : path.join(path.dirname(store.path), 'uploads'),
      };

      const app = express();
      httpServer = createServer(app);
      const schema = makeExecutableSchema({ typeDefs, resolvers });
      const context = (): ApiContext => ({ deps });
      apollo = new ApolloServer<ApiContext>({
        schema,
        validationRules: [depthLimitRule()],
        formatError,
        plugins: [
          ApolloServerPluginDrainHttpServer({ httpServer }),
          subscriptionServer({ httpServer, schema, path: '/graphql', context, validationRules: [depthLimitRule()], formatError }),
        ],
      });
      await apollo.start();
      app.disable('x-powered-by');
      app.use(localhostCors());
      app.use(healthRoute());
      app.use(artifactRoute(store));
      app.use('/graphql', jsonBody(deps.maxUploadBytes), expressMiddleware(apollo, { context: async () => context() }));
      app.use(bodyErrors());

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

    async stop() {
      // Apollo's drain plugin closes the HTTP server; without Apollo started, close it directly.
      if (apollo) await apollo.stop();
      else if (httpServer?.listening) await new Promise((resolve) => httpServer!.close(resolve));
      await queue?.close();
      await store?.close();
    },
  };
}

/** The Redis queue, once Redis answers; a start fails naming the URL rather than hanging on an unreachable Redis. */
async function openRedisQueue(store: Store, config: Extract<QueueConfig, { kind: 'redis' }>, log: (message: string) => void): Promise<JobQueue> {
  const queue = createRedisQueue({ store, url: config.url, prefix: config.prefix, onError: (error) => log(`queue: ${error.message}`) });
  try {
    await queue.ready();
  } catch (error) {
    await queue.close();
    throw error;
  }
  log(`jobs go to standalone workers through Redis at ${redactRedisUrl(config.url)} (prefix ${config.prefix})`);
  return queue;
}
