import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { BranchscopeQueryError, LabelUnitMutation, createBranchscopeClient, mutate } from './index';

const variables = { labelSetId: 'human:1', layer: 'mixed3a', unit: 999, category: 'Curve', author: 'ada' };
let server: Server | undefined;

/** A one-route GraphQL stand-in that answers every POST with `body`, on a port the OS picks. */
async function answering(body: unknown): Promise<string> {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}/graphql`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('mutate', () => {
  it("returns the mutation's data", async () => {
    const label = { layer: 'mixed3a', unit: 3, category: 'Curve', author: 'ada', at: '2025-01-01T00:00:00Z' };
    const url = await answering({ data: { labelUnit: label } });
    expect(await mutate(createBranchscopeClient(url), LabelUnitMutation, variables)).toEqual({ labelUnit: label });
  });

  it("throws the server's error code and message, naming the operation", async () => {
    const url = await answering({
      errors: [{ message: "unit 999 is beyond layer 'mixed3a' (256 units)", extensions: { code: 'BAD_USER_INPUT' } }],
      data: null,
    });
    const error = await mutate(createBranchscopeClient(url), LabelUnitMutation, variables).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BranchscopeQueryError);
    expect((error as BranchscopeQueryError).code).toBe('BAD_USER_INPUT');
    expect((error as BranchscopeQueryError).message).toBe(
      "LabelUnit: unit 999 is beyond layer 'mixed3a' (256 units) (BAD_USER_INPUT)",
    );
  });
});
