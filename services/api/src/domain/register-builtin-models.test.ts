import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alexnetGraph, modelId } from '@branchscope/core';
import { getModel, insertModelsIfAbsent, openStore, type Store } from '@branchscope/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerBuiltinModels } from './register-builtin-models';

describe('registerBuiltinModels', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-register-'));
    store = openStore(path.join(dir, 'branchscope.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the seeded built-ins as random weights and keeps the demo models trained', async () => {
    await registerBuiltinModels(store);
    expect((await getModel(store, 'alexnet'))?.name).toBe('AlexNet (BVLC topology, random weights)');
    expect((await getModel(store, 'resnet50-v1'))?.name).toBe('ResNet-50 v1 (random weights)');
    expect((await getModel(store, 'demo-small-alexnet-2b'))?.name).toBe('Small AlexNet, 2 branches (trained, seed 10)');
  });

  it('gives a built-in stored under its old name by an earlier version the new name, and nothing else', async () => {
    const old = { id: modelId('alexnet'), name: 'AlexNet (BVLC)', family: 'alexnet', graph: alexnetGraph(), weights: { kind: 'seeded', seed: 1 } };
    await insertModelsIfAbsent(store, [old]);
    const before = (await getModel(store, 'alexnet'))!;
    const added = await registerBuiltinModels(store);
    expect(added).not.toContain('alexnet');
    expect(await getModel(store, 'alexnet')).toEqual({ ...before, name: 'AlexNet (BVLC topology, random weights)' });
  });
});
