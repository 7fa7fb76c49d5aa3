import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { inceptionV1Graph, modelId } from '@branchscope/core';
import { featureImageKey, RENDER_FEATURES_JOB, weightImageKey, type JobQueue } from '@branchscope/jobs';
import { createLabelSet, finishJob, insertJob, insertModelsIfAbsent, modelDigest, openStore, putArtifact, getModel, startJob, type Store } from '@branchscope/store';
import type { GraphQLSchema } from 'graphql';
import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvers } from '../resolvers';
import { typeDefs } from '../schema';
import type { ApiDeps } from './api-deps';
import { createModelCatalog } from './model-catalog';

// @graphql-tools/schema loads graphql's CommonJS build; executing with the ES build would see two realms.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
const params = { steps: 128, size: 128, seed: 0, backend: 'cpu' };

const PAGE = /* GraphQL */ `
  query ($layer: String!, $first: Int, $after: String) {
    neurons(modelId: "inc", layer: $layer, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id unit block branch { name units { start end } }
          featureVisualization { status url job { id status } }
          weightImage { url colorIndex }
          descriptor { source colorIndex }
          labels { labelSetName source category }
        }
      }
    }
  }
`;

describe('neurons', () => {
  let dir: string;
  let store: Store;
  let queries: number;
  let schema: GraphQLSchema;
  let deps: ApiDeps;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-neurons-'));
    store = openStore(path.join(dir, 'branchscope.db'));
    await insertModelsIfAbsent(store, [{ id: modelId('inc'), name: 'InceptionV1', family: 'inception', graph: inceptionV1Graph(), weights: { kind: 'seeded', seed: 1 } }]);
    const model = (await getModel(store, 'inc'))!;
    const digest = modelDigest(model);
    // Stored feature images of mixed4e units 0..299, weight images of every conv2d0 unit.
    for (let unit = 0; unit < 300; unit++) {
      const key = featureImageKey({ modelDigest: digest, layer: 'mixed4e', unit, ...params, channels: 3 });
      const meta = { trace: [0, 1, 2], descriptor: { colorIndex: unit / 300, frequency: 0.1, orientation: 0 }, channels: 3 };
      await putArtifact(store, { key, kind: 'feature-image', modelId: model.id, mediaType: 'image/png', bytes: PNG, meta, jobId: null });
    }
    for (let unit = 0; unit < 64; unit++) {
      const meta = { height: 7, width: 7, channels: 3, descriptor: { colorIndex: 0.5, frequency: 0.2, orientation: 90 } };
      await putArtifact(store, { key: weightImageKey(digest, 'conv2d0', unit), kind: 'weight-image', modelId: model.id, mediaType: 'image/png', bytes: PNG, meta, jobId: null });
    }
    // Units 300..309 are being rendered; 310..319 failed.
    await insertJob(store, { kind: RENDER_FEATURES_JOB, input: { modelId: 'inc', layer: 'mixed4e', units: [300, 301, 302, 303, 304, 305, 306, 307, 308, 309], ...params } });
    const { job: failed } = await insertJob(store, { kind: RENDER_FEATURES_JOB, input: { modelId: 'inc', layer: 'mixed4e', units: [310, 311, 312, 313, 314, 315, 316, 317, 318, 319], ...params } });
    await startJob(store, failed.id);
    await finishJob(store, failed.id, { status: 'FAILED', error: 'out of memory' });
    await createLabelSet(store, { modelId: 'inc', name: 'mine', source: 'human', author: 'ada' }, [
      { layer: 'mixed4e', unit: 600, category: 'curve' },
      { layer: 'mixed4e', unit: 5, category: 'color' },
    ]);

    queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counted: Store = { ...store, db: store.db.withPlugin(counter), close: store.close };
    const queue = { enqueue: () => Promise.reject(new Error('no job may start from a read')) } as unknown as JobQueue;
    deps = { store: counted, queue, catalog: createModelCatalog(counted), workerBackend: 'cpu', maxUploadBytes: 1, uploadDir: dir, catalogue: [] };
    schema = makeExecutableSchema({ typeDefs, resolvers });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (source: string, variableValues: Record<string, unknown>) => {
    const answer = await graphql({ schema, source, variableValues, contextValue: { deps, requestId: 't' } });
    expect(answer.errors).toBeUndefined();
    return answer.data as any;
  };

  it('pages through a layer with each unit’s branch, image status and labels', async () => {
    const { neurons } = await run(PAGE, { layer: 'mixed4e', first: 500 });
    expect(neurons.totalCount).toBe(832);
    expect(neurons.edges).toHaveLength(500);
    expect(neurons.pageInfo.hasNextPage).toBe(true);
    const byUnit = (unit: number) => neurons.edges[unit].node;
    expect(byUnit(0).featureVisualization).toMatchObject({ status: 'READY', url: expect.stringMatching(/^\/artifacts\/.+\.png$/) });
    expect(byUnit(0).descriptor).toEqual({ source: 'FEATURE_IMAGE', colorIndex: 0 });
    expect(byUnit(305).featureVisualization).toMatchObject({ status: 'PENDING', url: null, job: { status: 'QUEUED' } });
    expect(byUnit(315).featureVisualization).toMatchObject({ status: 'FAILED', job: { status: 'FAILED' } });
    expect(byUnit(400).featureVisualization).toEqual({ status: 'NOT_RENDERED', url: null, job: null });
    expect(byUnit(400).descriptor).toBeNull();
    expect(byUnit(5).labels).toEqual([{ labelSetName: 'mine', source: 'HUMAN', category: 'color' }]);
    expect(byUnit(300).branch).toEqual({ name: 'mixed4e/3x3', units: { start: 256, end: 576 } });
    expect(byUnit(0).weightImage).toBeNull();

    const rest = (await run(PAGE, { layer: 'mixed4e', first: 500, after: neurons.pageInfo.endCursor })).neurons;
    expect(rest.edges.map((e: any) => e.node.unit)).toEqual(Array.from({ length: 332 }, (_, i) => 500 + i));
    expect(rest.pageInfo).toEqual({ hasNextPage: false, endCursor: rest.edges.at(-1).cursor });
    expect(rest.edges[100].node.labels).toEqual([{ labelSetName: 'mine', source: 'HUMAN', category: 'curve' }]);
    expect(rest.edges[100].node.block).toBe('mixed4e');
  });

  it('reads a page with the same number of store queries whatever its size', async () => {
    // Pages from unit 299 on hold stored, rendering, failed and unrendered units, so every concern is looked up.
    const after = Buffer.from('unit:298').toString('base64');
    const counts: Record<number, number> = {};
    for (const first of [25, 100, 500]) {
      queries = 0;
      await run(PAGE, { layer: 'mixed4e', first, after });
      counts[first] = queries;
    }
    // The model, render jobs, feature images and labels (no weight images: mixed4e is not a first conv).
    expect(counts).toEqual({ 25: 4, 100: 4, 500: 4 });
  });

  it('starts no render unless asked, then one render-layer job for the layer', async () => {
    const asked: { kind: string; input: any }[] = [];
    deps.queue = {
      enqueue: async (kind: string, input: unknown) => {
        asked.push({ kind, input });
        return (await insertJob(store, { kind, input })).job;
      },
    } as unknown as JobQueue;
    const one = `query ($render: Boolean) { neuron(modelId: "inc", layer: "mixed4e", unit: 400) { featureVisualization(render: $render) { status job { kind } } } }`;
    expect((await run(one, { render: false })).neuron.featureVisualization).toEqual({ status: 'NOT_RENDERED', job: null });
    expect(asked).toEqual([]);
    expect((await run(one, { render: true })).neuron.featureVisualization).toEqual({ status: 'PENDING', job: { kind: 'render-layer' } });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.input).toMatchObject({ layer: 'mixed4e', steps: 128, size: 128, seed: 0, backend: 'cpu' });
    expect(asked[0]!.input.units).toHaveLength(832);
  });

  it('gives a first conv unit its weight image and weight descriptor', async () => {
    const { neuron } = await run(
      `{ neuron(modelId: "inc", layer: "conv2d0", unit: 3) { id weightImage { url width } descriptor { source orientation } branch { name } } }`,
      {},
    );
    expect(neuron).toMatchObject({ id: 'inc/conv2d0/3', weightImage: { width: 7 }, descriptor: { source: 'WEIGHTS', orientation: 90 }, branch: null });
  });

  it('names the unit, layer or cursor that does not exist', async () => {
    const errors = async (source: string) => (await graphql({ schema, source, contextValue: { deps, requestId: 't' } })).errors?.[0]?.message;
    expect(await errors(`{ neuron(modelId: "inc", layer: "mixed4e", unit: 832) { id } }`)).toMatch(/has 832 units \(0\.\.831\); unit 832 does not exist/);
    expect(await errors(`{ neuron(modelId: "inc", layer: "mixed9", unit: 0) { id } }`)).toMatch(/model 'inc' has no layer 'mixed9'/);
    expect(await errors(`{ neurons(modelId: "inc", layer: "mixed4e", first: 501) { totalCount } }`)).toMatch(/first must be an integer from 1 to 500, got 501/);
    expect(await errors(`{ neurons(modelId: "inc", layer: "mixed4e", after: "nope") { totalCount } }`)).toMatch(/after: 'nope' is not a cursor/);
  });
});
