import { Client, fetchExchange } from '@urql/core';

/** Where the API listens when `BRANCHSCOPE_API_URL` is not set. */
export const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

/**
 * An urql client for the branchscope API, for Node scripts and Next.js server components.
 *
 * No cache exchange: every query goes to the server, because job-backed results change under us and
 * server components render once per request anyway (Next.js never caches POSTed fetches). Queries are POSTed as JSON so that GraphQL servers
 * with CSRF protection on GET accept them without extra headers.
 *
 * @param url - The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`.
 * @param options.token - An API token (`npm run token -- create`), sent as `Authorization: Bearer <token>`.
 */
export function createBranchscopeClient(url: string, options: { token?: string } = {}): Client {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`createBranchscopeClient: "${url}" is not an absolute URL (expected e.g. ${DEFAULT_API_URL})`);
  }
  return new Client({
    url: parsed.href,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    ...(options.token ? { fetchOptions: { headers: { authorization: `Bearer ${options.token}` } } } : {}),
  });
}
