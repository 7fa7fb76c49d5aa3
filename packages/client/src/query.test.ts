import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  BranchscopeQueryError,
  DEFAULT_API_URL,
  ModelsQuery,
  apiUrlFromEnv,
  createBranchscopeClient,
  describeQueryError,
  query,
} from './index';

/** A port that nothing listens on: bind it, note it, release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

describe('query', () => {
  it('throws a NETWORK_ERROR naming the operation and the URL when the API is unreachable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const error = await query(createBranchscopeClient(url), ModelsQuery, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BranchscopeQueryError);
    const queryError = error as BranchscopeQueryError;
    expect(queryError.code).toBe('NETWORK_ERROR');
    expect(queryError.operation).toBe('Models');
    expect(queryError.message).toContain(url);
  });
});

describe('createBranchscopeClient', () => {
  it('rejects a relative URL with a message naming it', () => {
    expect(() => createBranchscopeClient('/graphql')).toThrow(/"\/graphql" is not an absolute URL/);
  });
});

describe('describeQueryError', () => {
  it('tells the reader to start the API when it was unreachable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const error = await query(createBranchscopeClient(url), ModelsQuery, {}).catch((e: unknown) => e);
    const description = describeQueryError(error);
    expect(description.code).toBe('NETWORK_ERROR');
    expect(description.hint).toContain(`Is the branchscope API running at ${url}?`);
  });
});

describe('apiUrlFromEnv', () => {
  it('prefers BRANCHSCOPE_API_URL over the default', () => {
    expect(apiUrlFromEnv({ BRANCHSCOPE_API_URL: 'http://127.0.0.1:4100/graphql' })).toBe('http://127.0.0.1:4100/graphql');
  });

  it('falls back to the default when BRANCHSCOPE_API_URL is empty', () => {
    expect(apiUrlFromEnv({ BRANCHSCOPE_API_URL: '' })).toBe(DEFAULT_API_URL);
  });
});
