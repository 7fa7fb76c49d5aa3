import type { Branch, BranchedBlock, Layer, ModelSummary } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryData } from '../support/graphql';
import { API_DATABASES, apiDatabases, type ApiDatabase } from '../support/api-database';
import { startApi, type RunningApi } from '../support/start-api';

/** The client's generated `Layer`, `BranchedBlock` and `Branch` fields these queries select. */
type LayerRow = Pick<Layer, 'name' | 'op' | 'units' | 'group'>;
type BlockBranches = Pick<BranchedBlock, 'name' | 'kind'> & { branches: Pick<Branch, 'index' | 'units' | 'inputUnits'>[] };

describe.each(API_DATABASES)('API: models, layers and branched blocks (%s)', (kind) => {
  const databases = apiDatabases(kind);
  let api: RunningApi;
  let db: ApiDatabase;
  beforeAll(async () => {
    db = await databases.fresh();
    api = await startApi({ dbPath: db.dbPath, env: db.env });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('answers GET /health with ok, the store and the queue each ok', async () => {
    const response = await fetch(`${api.origin}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, status: 'ok', store: { ok: true }, queue: { ok: true, mode: 'in-process' } });
  });

  it('lists alexnet among the models', async () => {
    const data = await queryData<{ models: Pick<ModelSummary, 'id' | 'name'>[] }>(api.url, '{ models { id name } }');
    expect(data.models).toContainEqual({ id: 'alexnet', name: 'AlexNet (BVLC topology, random weights)' });
  });

  it("shows alexnet's conv1 with 96 units and conv2 with group 2", async () => {
    const data = await queryData<{ model: { layers: LayerRow[] } }>(api.url, '{ model(id: "alexnet") { layers { name op units group } } }');
    const byName = new Map(data.model.layers.map((layer) => [layer.name, layer]));
    expect(byName.get('conv1')).toMatchObject({ op: 'conv', units: 96 });
    expect(byName.get('conv2')).toMatchObject({ op: 'conv', group: 2 });
  });

  it('answers null for a model id nobody registered', async () => {
    const data = await queryData<{ model: null }>(api.url, '{ model(id: "vgg16") { id } }');
    expect(data.model).toBeNull();
  });

  it("finds conv2's two branches, each fed by half of conv1", async () => {
    const data = await queryData<{ model: { branchedBlocks: BlockBranches[] } }>(
      api.url,
      `{ model(id: "alexnet") { branchedBlocks { name kind branches {
          index units { layer start end } inputUnits { layer start end } } } } }`,
    );
    const conv2 = data.model.branchedBlocks.find((block) => block.name === 'conv2');
    expect(conv2?.kind).toBe('GROUPED');
    expect(conv2?.branches).toEqual([
      { index: 0, units: { layer: 'conv2', start: 0, end: 128 }, inputUnits: { layer: 'conv1', start: 0, end: 48 } },
      { index: 1, units: { layer: 'conv2', start: 128, end: 256 }, inputUnits: { layer: 'conv1', start: 48, end: 96 } },
    ]);
  });

  it('computes the chance probability of the AlexNet colour claim as 2.4847e-9 to 4 significant figures', async () => {
    const data = await queryData<{ chanceProbability: number }>(
      api.url,
      '{ chanceProbability(population: 256, successes: 32, draws: 9, observed: 9) }',
    );
    expect(Math.abs(data.chanceProbability / 2.4847e-9 - 1)).toBeLessThan(5e-5);
  });

  it('names the backend of the in-process worker', async () => {
    const data = await queryData<{ workerBackend: string }>(api.url, '{ workerBackend }');
    expect(data.workerBackend).toMatch(/^(ort\+)?(node-gpu|node|wasm|cpu)$/);
  });
});
