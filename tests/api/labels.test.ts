import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql } from '../support/graphql';
import { API_DATABASES, apiDatabases, type ApiDatabase } from '../support/api-database';
import { startApi, type RunningApi } from '../support/start-api';
import { createLabelSet, enrichment, exactTail, labelSet, labelSets, labelUnit, type LabelSet } from './label-queries';

describe.each(API_DATABASES)('API: human label sets (%s)', (kind) => {
  const databases = apiDatabases(kind);
  let api: RunningApi;
  let db: ApiDatabase;
  let set: LabelSet;
  beforeAll(async () => {
    db = await databases.fresh();
    api = await startApi({ dbPath: db.dbPath, env: db.env });
    set = await createLabelSet(api.url, 'alexnet', 'conv2 colours', 'ada');
    // conv2's branches: units 0-127 (conv2/group0) and 128-255 (conv2/group1).
    for (const unit of [3, 40, 200]) {
      const { errors } = await labelUnit(api.url, { labelSetId: set.id, layer: 'conv2', unit, category: 'color', author: 'ada' });
      if (errors) throw new Error(errors[0]!.message);
    }
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  const group0 = async (category: string) =>
    (await enrichment(api.url, 'alexnet', set.id, 'conv2')).find((r) => r.branch === 'conv2/group0' && r.category === category);

  it('creates an empty human set with its author', () => {
    expect(set).toMatchObject({ modelId: 'alexnet', name: 'conv2 colours', source: 'HUMAN', author: 'ada', labelCount: 0, labels: [] });
  });

  it('lists the set among the model’s label sets', async () => {
    expect((await labelSets(api.url, 'alexnet')).map((s) => s.id)).toContain(set.id);
  });

  it('stores each label with who gave it and when', async () => {
    const labels = (await labelSet(api.url, set.id))!.labels;
    expect(labels.map((l) => [l.layer, l.unit, l.category, l.author])).toEqual([
      ['conv2', 3, 'color', 'ada'],
      ['conv2', 40, 'color', 'ada'],
      ['conv2', 200, 'color', 'ada'],
    ]);
    for (const l of labels) expect(Date.parse(l.at)).not.toBeNaN();
  });

  it('reports the exact chance of the labelled units in each branch', async () => {
    const row = await group0('color');
    expect(row).toMatchObject({ inBranch: 2, categorySize: 3, branchSize: 128, layerUnits: 256 });
    expect(Math.abs(row!.p - exactTail(256, 128, 3, 2)) / row!.p).toBeLessThan(1e-12);
  });

  it('replaces a relabelled unit’s label, records the new author, and updates enrichment at once', async () => {
    const { data } = await labelUnit(api.url, { labelSetId: set.id, layer: 'conv2', unit: 200, category: 'black-and-white', author: 'bob' });
    expect(data?.labelUnit).toMatchObject({ unit: 200, category: 'black-and-white', author: 'bob' });
    const labels = (await labelSet(api.url, set.id))!.labels.filter((l) => l.unit === 200);
    expect(labels.map((l) => [l.category, l.author])).toEqual([['black-and-white', 'bob']]);
    const row = await group0('color');
    expect(row).toMatchObject({ inBranch: 2, categorySize: 2 });
    expect(Math.abs(row!.p - exactTail(256, 128, 2, 2)) / row!.p).toBeLessThan(1e-12);
    // Put it back for the other tests.
    await labelUnit(api.url, { labelSetId: set.id, layer: 'conv2', unit: 200, category: 'color', author: 'ada' });
  });

  it('removes a label and says whether there was one', async () => {
    await labelUnit(api.url, { labelSetId: set.id, layer: 'conv2', unit: 7, category: 'other', author: 'ada' });
    const remove = `mutation($id: ID!) { removeLabel(labelSetId: $id, layer: "conv2", unit: 7) }`;
    expect((await postGraphql<{ removeLabel: boolean }>(api.url, remove, { id: set.id })).data?.removeLabel).toBe(true);
    expect((await postGraphql<{ removeLabel: boolean }>(api.url, remove, { id: set.id })).data?.removeLabel).toBe(false);
    expect((await labelSet(api.url, set.id))!.labels.map((l) => l.unit)).toEqual([3, 40, 200]);
  });

  describe('bad label input gets a clear error and loses nothing stored', () => {
    let before: LabelSet;
    beforeAll(async () => {
      before = (await labelSet(api.url, set.id))!;
    });

    it('names a layer the model does not have', async () => {
      const { errors } = await labelUnit(api.url, { labelSetId: set.id, layer: 'conv9', unit: 0, category: 'color', author: 'ada' });
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toMatch(/model 'alexnet' has no layer 'conv9'/);
    });

    it('names the unit, the layer and its channel count for a unit beyond it', async () => {
      const { errors } = await labelUnit(api.url, { labelSetId: set.id, layer: 'conv2', unit: 256, category: 'color', author: 'ada' });
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toMatch(/unit 256 is out of range for layer 'conv2', which has 256 units \(0 to 255\)/);
    });

    it('answers NOT_FOUND naming an unknown label set', async () => {
      const { errors } = await labelUnit(api.url, { labelSetId: 'human:nope', layer: 'conv2', unit: 0, category: 'color', author: 'ada' });
      expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(errors?.[0]?.message).toBe("no label set with id 'human:nope'");
    });

    it('names an empty category', async () => {
      const { errors } = await labelUnit(api.url, { labelSetId: set.id, layer: 'conv2', unit: 0, category: '  ', author: 'ada' });
      expect(errors?.[0]?.message).toBe('category must not be empty');
    });

    it('refuses to edit the published set and keeps all its labels', async () => {
      const id = 'published:inceptionv1-5x5';
      const { errors } = await labelUnit(api.url, { labelSetId: id, layer: 'mixed3a', unit: 197, category: 'Other', author: 'ada' });
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toMatch(/it is a published set, and only human label sets are edited unit by unit/);
      expect((await labelSet(api.url, id))?.labelCount).toBe(176);
    });

    it('keeps the set exactly as it was after all the rejected writes', async () => {
      expect(await labelSet(api.url, set.id)).toEqual(before);
    });
  });

  it('answers NOT_FOUND for a set of an unknown model', async () => {
    const { errors } = await postGraphql(api.url, 'mutation { createLabelSet(modelId: "vgg", name: "x", author: "ada") { id } }');
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(errors?.[0]?.message).toMatch(/no model with id 'vgg'/);
  });
});
