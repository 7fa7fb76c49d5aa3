import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

export interface SubscriptionServerOptions<C> {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The URL path, the same as queries use. */
  path: string;
  context: () => C;
  /** Extra validation rules, as HTTP requests get them (the depth limit). */
  validationRules: ValidationRule[];
  /** Apollo's error formatter, so subscription errors carry the same codes. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** Subscribe messages are one small operation each; anything larger is refused by the socket. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the API's own HTTP server and path. Returns
 * the Apollo plugin that closes every socket when the server drains.
 */
export function subscriptionServer<C>(options: SubscriptionServerOptions<C>): ApolloServerPlugin {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: MAX_MESSAGE_BYTES });
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => options.formatError(error.toJSON(), error));
  const cleanup = useServer(
    {
      schema: options.schema,
      context: options.context,
      validate: (schema, document) => validate(schema, document, [...specifiedRules, ...options.validationRules]),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
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
