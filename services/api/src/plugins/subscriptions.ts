import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@branchscope/jobs';
import { GraphQLError, getOperationAST, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isUnexpectedError, logUnexpectedError, withRequestId } from './unexpected-errors';

export interface SubscriptionServerOptions<C extends { requestId: string }> {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The URL path, the same as queries use. */
  path: string;
  /** The context of one subscription, with a request id of its own, from its socket's connection. */
  context: (connection: SocketConnection) => C | Promise<C>;
  /** Whether a socket may subscribe at all (reads by token only): false closes it with 4403 Forbidden. */
  authorize?: (connection: SocketConnection) => boolean | Promise<boolean>;
  /** Extra validation rules, as HTTP requests get them (the depth limit). */
  validationRules: ValidationRule[];
  /** Apollo's error formatter, so subscription errors carry the same codes. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Where unexpected errors are logged, with the subscription's request id, as over HTTP. */
  logger: Logger;
}

/** What a socket's connection tells: its `connectionParams` (a client's `authorization`) and its peer's address. */
export interface SocketConnection {
  connectionParams?: Readonly<Record<string, unknown>>;
  remoteAddress?: string;
}

const connectionOf = (ctx: { connectionParams?: Readonly<Record<string, unknown>>; extra: unknown }): SocketConnection => ({
  ...(ctx.connectionParams ? { connectionParams: ctx.connectionParams } : {}),
  remoteAddress: (ctx.extra as { request?: { socket?: { remoteAddress?: string } } }).request?.socket?.remoteAddress,
});

/** Subscribe messages are one small operation each; anything larger is refused by the socket. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the API's own HTTP server and path. Returns
 * the Apollo plugin that closes every socket when the server drains.
 */
export function subscriptionServer<C extends { requestId: string }>(options: SubscriptionServerOptions<C>): ApolloServerPlugin {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: MAX_MESSAGE_BYTES });
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => options.formatError(error.toJSON(), error));
  /** Errors of a running subscription: unexpected ones are logged and answered with the subscription's request id. */
  const formatResultErrors = (errors: readonly GraphQLError[], context: C, operationName: string | undefined) =>
    errors.map((error) => {
      const formatted = options.formatError(error.toJSON(), error);
      if (!isUnexpectedError(error, error.extensions?.code)) return formatted;
      logUnexpectedError(options.logger, context.requestId, error, { op: operationName, path: error.path?.join('.'), transport: 'websocket' });
      return withRequestId(formatted, context.requestId);
    });
  const cleanup = useServer(
    {
      schema: options.schema,
      context: (ctx) => options.context(connectionOf(ctx)),
      ...(options.authorize ? { onConnect: (ctx: Parameters<typeof connectionOf>[0]) => options.authorize!(connectionOf(ctx)) } : {}),
      validate: (schema, document) => validate(schema, document, [...specifiedRules, ...options.validationRules]),
      onNext: (_ctx, _id, _payload, args, result) =>
        result.errors
          ? { ...result, errors: formatResultErrors(result.errors, args.contextValue as C, getOperationAST(args.document, args.operationName)?.name?.value) }
          : undefined,
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wsServer,
  );
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await cleanup.dispose();
        },
      };
    },
  };
}
