import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBranchscopeClient, ModelsQuery, query } from './index';

describe('createBranchscopeClient with a token', () => {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { models: [] } }));
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends Authorization: Bearer <token> with JSON, and no Authorization without one', async () => {
    await query(createBranchscopeClient(url, { token: 'bst_example' }), ModelsQuery, {});
    await query(createBranchscopeClient(url), ModelsQuery, {});
    expect(seen[0]).toMatchObject({ authorization: 'Bearer bst_example', 'content-type': 'application/json' });
    expect(seen[1]!.authorization).toBeUndefined();
  });
});
