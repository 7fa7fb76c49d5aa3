import { createLogger } from '@branchscope/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, type ApiServer } from '../create-api-server';

/** An API on an in-memory database and no worker, whose log lines land in `lines`. */
describe('request log', () => {
  const lines: string[] = [];
  let server: ApiServer;
  let url: string;
  beforeAll(async () => {
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    server = createApiServer({ dbPath: ':memory:', port: 0, worker: 'none', logger });
    ({ url } = await server.start());
  });
  afterAll(async () => {
    await server?.stop();
  });

  const post = async (body: object): Promise<string> => {
    const before = lines.length;
    await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
    // The line is written as the answer is sent; give the event loop a turn.
    await new Promise((resolve) => setImmediate(resolve));
    const added = lines.slice(before).filter((line) => line.includes('graphql request'));
    expect(added).toHaveLength(1);
    return added[0]!;
  };

  it('writes one line per request with request id, method, operation name, type, root fields, duration and status ok', async () => {
    const line = await post({ query: 'query ModelIds { models { id } }', operationName: 'ModelIds' });
    expect(line).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info  graphql request request_id=[0-9a-f-]{36} method=POST op=ModelIds type=query fields=models ms=\d+ status=ok$/,
    );
  });

  it("gives a failed request's error code and message", async () => {
    const line = await post({ query: 'query Svd { svdFactors(modelId: "vgg16", from: "conv1", to: "conv2") { result { singularValues } } }' });
    expect(line).toMatch(/ op=Svd type=query fields=svdFactors ms=\d+ status=NOT_FOUND error="no model with id 'vgg16'; known models: [^"]*"$/);
  });

  it('logs a request that does not parse, with the code and the HTTP status', async () => {
    const line = await post({ query: 'query Broken { models { id ' });
    expect(line).toMatch(/ method=POST ms=\d+ status=GRAPHQL_PARSE_FAILED http=400 error=/);
  });

  it('logs the artifact route and health outside /graphql: misses at info, hits at debug', async () => {
    const origin = new URL(url).origin;
    const before = lines.length;
    await (await fetch(`${origin}/artifacts/${'0'.repeat(64)}.png`)).text();
    await (await fetch(`${origin}/health`)).text();
    await new Promise((resolve) => setImmediate(resolve));
    const added = lines.slice(before);
    expect(added).toEqual([
      expect.stringMatching(new RegExp(`info  http request request_id=[0-9a-f-]{36} method=GET path=/artifacts/${'0'.repeat(64)}.png status=404 ms=\\d+$`)),
      expect.stringMatching(/debug http request request_id=[0-9a-f-]{36} method=GET path=\/health status=200 ms=\d+$/),
    ]);
  });
});
