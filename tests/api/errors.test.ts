import type { Job, ModelSummary } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql, queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { SVD_QUERY } from './svd-queries';

describe('API: bad input gets a clear error and the server keeps serving', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  const svd = (modelId: string, from: string, to: string, components = 8) =>
    postGraphql(api.url, SVD_QUERY, { modelId, from, to, centered: false, components });

  it('answers NOT_FOUND naming an unknown model id and listing the known ones', async () => {
    const { errors } = await svd('vgg16', 'conv1', 'conv2');
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(errors?.[0]?.message).toMatch(/no model with id 'vgg16'; known models: .*alexnet/);
  });

  it('answers BAD_USER_INPUT naming an unknown layer and the model', async () => {
    const { errors } = await svd('alexnet', 'conv9', 'conv2');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/model 'alexnet'.*no layer named "conv9"/);
  });

  it('answers BAD_USER_INPUT naming both layers when they are not consecutive', async () => {
    const { errors } = await svd('alexnet', 'conv1', 'conv3');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/model 'alexnet'.*conv1 -> conv3.*conv2 lies between them/);
  });

  it('answers BAD_USER_INPUT naming `components` when it is not positive', async () => {
    const { errors } = await svd('alexnet', 'conv1', 'conv2', 0);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toBe('components must be a positive integer, got 0');
  });

  it('answers BAD_USER_INPUT naming a negative count of chanceProbability', async () => {
    const { errors } = await postGraphql(api.url, '{ chanceProbability(population: 256, successes: -3, draws: 9, observed: 9) }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/successes must be a non-negative integer, got -3/);
  });

  it('answers BAD_USER_INPUT when draws exceed the population', async () => {
    const { errors } = await postGraphql(api.url, '{ chanceProbability(population: 10, successes: 3, draws: 11, observed: 1) }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/draws must be at most population \(10\), got 11/);
  });

  it('rejects a query nested deeper than 12 fields, naming the limit', async () => {
    const deep = `{ model(id: "alexnet") { layers { ${'inputLayers { '.repeat(11)}name${' }'.repeat(11)} } } }`;
    const { status, errors } = await postGraphql(api.url, deep);
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors?.[0]?.message).toBe('the query is nested 14 fields deep, more than the limit of 12');
  });

  it('accepts a query exactly 12 fields deep', async () => {
    const deep = `{ model(id: "alexnet") { layers { ${'inputLayers { '.repeat(9)}name${' }'.repeat(9)} } } }`;
    const { errors } = await postGraphql(api.url, deep);
    expect(errors).toBeUndefined();
  });

  it('rejects a body over 1 MB with 413, naming the limit', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ models { id } }`, variables: { padding: 'x'.repeat(1_100_000) } }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(response.status).toBe(413);
    expect(body.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors[0]?.message).toMatch(/larger than the limit of 1\.00 MB/);
  });

  it('allows a localhost origin and no other', async () => {
    const ask = (origin: string) => fetch(`${api.origin}/health`, { headers: { origin } });
    expect((await ask('http://localhost:3000')).headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect((await ask('https://example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still answers after all the bad requests', async () => {
    await svd('vgg16', 'conv1', 'conv2');
    await postGraphql(api.url, '{ chanceProbability(population: -1, successes: 0, draws: 0, observed: 0) }');
    const data = await queryData<{ models: Pick<ModelSummary, 'id'>[] }>(api.url, '{ models { id } }');
    expect(data.models.map((model) => model.id)).toContain('alexnet');
    expect((await fetch(`${api.origin}/health`)).status).toBe(200);
  });

  it('creates no job for a request it rejects', async () => {
    await svd('alexnet', 'conv1', 'conv3');
    const data = await queryData<{ jobs: Pick<Job, 'id'>[] }>(api.url, '{ jobs { id } }');
    expect(data.jobs).toEqual([]);
  });
});
