import { createHash } from 'node:crypto';
import { ModelQuery, ModelsQuery, operationText, type ModelDetail, type ModelQueryResult, type ModelsQueryResult } from '@branchscope/client';
import { smallAlexnetOnnx } from '@branchscope/model-import/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { importAndWait } from './import-queries';

describe('API: what each model\'s weights are, and which views can show it', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  const onnx = Buffer.from(smallAlexnetOnnx());
  let importedId: string;
  const model = async (id: string): Promise<ModelDetail> => {
    const found = (await queryData<ModelQueryResult>(api.url, operationText(ModelQuery), { id })).model;
    if (!found) throw new Error(`the API knows no model '${id}'`);
    return found;
  };

  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
    const job = await importAndWait(api.url, { name: 'Imported small AlexNet', format: 'ONNX', base64: onnx.toString('base64') });
    importedId = job.model!.id;
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('says a built-in has seeded random weights, in its name and in its weights', async () => {
    const alexnet = await model('alexnet');
    expect(alexnet.name).toBe('AlexNet (BVLC topology, random weights)');
    expect(alexnet.weights).toMatchObject({ kind: 'SEEDED_RANDOM', seed: 1, dataset: null, epochs: null, fileName: null, sha256: null });
    expect(alexnet.weights.readingNote).toMatch(/random.*say nothing about what training learns/);
  });

  it('says a demo model was trained here, on which dataset, with which seed, for how many epochs', async () => {
    const demo = await model('demo-small-alexnet-2b');
    expect(demo.weights).toMatchObject({
      kind: 'TRAINED_HERE',
      seed: 10,
      epochs: 45,
      dataset: expect.stringContaining('natural-default'),
      fileName: null,
      sha256: null,
    });
    expect(demo.weights.readingNote).toMatch(/real results of that training/);
  });

  it('says an imported model was imported, from which file, with its SHA-256', async () => {
    const imported = await model(importedId);
    expect(imported.weights).toMatchObject({
      kind: 'IMPORTED',
      seed: null,
      fileName: expect.stringMatching(/\.onnx$/),
      sha256: createHash('sha256').update(onnx).digest('hex'),
    });
  });

  it('lists every model with its weights kind: the built-ins random, the demos trained, the import imported', async () => {
    const { models } = await queryData<ModelsQueryResult>(api.url, operationText(ModelsQuery));
    const kindOf = new Map(models.map((m) => [m.id, m.weights.kind]));
    expect(kindOf.get('inceptionv1')).toBe('SEEDED_RANDOM');
    expect(kindOf.get('demo-split-first-layer-4b')).toBe('TRAINED_HERE');
    expect(kindOf.get(importedId)).toBe('IMPORTED');
  });

  it('opens AlexNet, the unbranched control and the imported AlexNet in the AlexNet view on conv1 → conv2', async () => {
    for (const id of ['alexnet', 'demo-small-alexnet-1b', importedId]) {
      expect(await model(id), id).toMatchObject({ views: ['ALEXNET'], firstLayerPair: { from: 'conv1', to: 'conv2' } });
    }
  });

  it('opens the 4-branch first layer in the AlexNet view (its Concat as the first layer) and the Inception view', async () => {
    expect(await model('demo-split-first-layer-4b')).toMatchObject({ views: ['ALEXNET', 'INCEPTION'], firstLayerPair: { from: 'conv1', to: 'conv2' } });
  });

  it('opens InceptionV1 in the Inception view only and ResNet-50 in the ResNet view only', async () => {
    expect((await model('inceptionv1')).views).toEqual(['INCEPTION']);
    expect(await model('resnet50-v1')).toMatchObject({ views: ['RESNET'], firstLayerPair: null });
  });
});
