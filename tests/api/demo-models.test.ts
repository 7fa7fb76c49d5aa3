import type { ModelSummary } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { svdFactors } from './svd-queries';

describe('API: trained demo models', () => {
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

  const svd = async (modelId: string) =>
    svdFactors(api.url, { modelId, from: 'conv1', to: 'conv2', centered: false, components: 2 });

  it('registers the committed demo models on a fresh start', async () => {
    const data = await queryData<{ models: Pick<ModelSummary, 'id'>[] }>(api.url, '{ models { id } }');
    expect(data.models.map((m) => m.id)).toEqual(expect.arrayContaining(['demo-small-alexnet-2b', 'demo-small-alexnet-1b', 'demo-split-first-layer-4b']));
  });

  it('computes svdFactors of the demo model from its trained weights, not from the seeded ones', async () => {
    const trained = await svd('demo-small-alexnet-2b');
    const seeded = await svd('small-alexnet-2b');
    expect([trained.rows, trained.cols]).toEqual([seeded.rows, seeded.cols]);
    const relative = Math.abs(trained.singularValues[0]! - seeded.singularValues[0]!) / seeded.singularValues[0]!;
    expect(relative).toBeGreaterThan(0.01);
  });

  it('keeps the demo model\'s conv1 units in the two branches conv2\'s groups define', async () => {
    const { fromUnits } = await svd('demo-small-alexnet-2b');
    expect(fromUnits.map((u) => u.branch)).toEqual([...Array(16).fill(0), ...Array(16).fill(1)]);
  });
});
