import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBranchscopeClient } from './create-branchscope-client';
import { layerNeurons, NEURON_PAGE_SIZE } from './layer-neurons';

const UNITS = 1234;

/** Answers `neurons` as the API's connection does (cursors are unit numbers), and records each request's `after`. */
function connectionServer(afters: (string | null)[]): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { variables } = JSON.parse(body) as { variables: { first: number; after: string | null } };
      afters.push(variables.after);
      const start = variables.after === null ? 0 : Number(variables.after) + 1;
      const end = Math.min(UNITS, start + variables.first);
      const edges = Array.from({ length: end - start }, (_, i) => ({ cursor: String(start + i), node: { id: `m/l/${start + i}`, unit: start + i } }));
      const neurons = { totalCount: UNITS, pageInfo: { hasNextPage: end < UNITS, endCursor: edges.at(-1)?.cursor ?? null }, edges };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { neurons } }));
    });
  });
}

describe('layerNeurons', () => {
  const afters: (string | null)[] = [];
  const server = connectionServer(afters);
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads every page of a layer larger than one page, in order, each after the last cursor', async () => {
    const cells = await layerNeurons(createBranchscopeClient(url), 'm', 'l');
    expect(cells.map((c) => c.unit)).toEqual(Array.from({ length: UNITS }, (_, i) => i));
    expect(afters).toEqual([null, String(NEURON_PAGE_SIZE - 1), String(2 * NEURON_PAGE_SIZE - 1)]);
  });
});
