import type { Server } from 'node:http';

/**
 * How long the API keeps an idle connection open. Node's default client agent (which Next.js's rewrite proxy uses
 * to forward `/graphql` and `/artifacts/*`) drops idle sockets after 5 s, exactly Node's default server timeout:
 * with both at 5 s a busy proxy can reuse a socket the server is closing, and the browser gets a 500. With the
 * server waiting far longer, the client always closes first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Applies {@link KEEP_ALIVE_TIMEOUT_MS}; headers may take a little longer, as Node requires. */
export function keepIdleConnectionsOpen(server: Server): Server {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}
