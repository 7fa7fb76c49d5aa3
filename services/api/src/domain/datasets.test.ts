import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { inceptionV1Graph, modelId } from '@branchscope/core';
import { DATASET_EXAMPLES_JOB, datasetExamplesKey, type DatasetExamplesValue, type JobQueue } from '@branchscope/jobs';
import { getModel, insertJob, insertModelsIfAbsent, modelDigest, openStore, putResult, type Store } from '@branchscope/store';
import type { GraphQLSchema } from 'graphql';
import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolvers } from '../resolvers';
import { typeDefs } from '../schema';
import type { ApiDeps } from './api-deps';
import { createModelCatalog } from './model-catalog';

// @graphql-tools/schema loads graphql's CommonJS build; executing with the ES build would see two realms.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const EXAMPLES = /* GraphQL */ `
  query ($by: ExampleMeasure, $order: ExampleOrder) {
    neurons(modelId: "inc", layer: "mixed4e", first: 3) {
      edges { node { unit datasetExamples(dataset: "tiny", by: $by, order: $order) { result { rank file value box { y0 x0 y1 x1 } cropUrl } job { id kind status } } } }
    }
  }
`;

describe('datasets and dataset examples', () => {
  let dir: string;
  let store: Store;
  let schema: GraphQLSchema;
  let deps: ApiDeps;
  let enqueued: { kind: string; input: any }[];
  const saved = process.env.BRANCHSCOPE_DATASET_DIRS;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-datasets-'));
    mkdirSync(path.join(dir, 'root', 'tiny', 'red'), { recursive: true });
    writeFileSync(path.join(dir, 'root', 'tiny', 'red', '0.png'), 'not decoded here');
    writeFileSync(path.join(dir, 'root', 'tiny', 'red', 'notes.txt'), '');
    mkdirSync(path.join(dir, 'root', 'empty', 'red'), { recursive: true });
    mkdirSync(path.join(dir, 'outside', 'red'), { recursive: true });
    process.env.BRANCHSCOPE_DATASET_DIRS = path.join(dir, 'root');
    store = openStore(path.join(dir, 'branchscope.db'));
    await insertModelsIfAbsent(store, [{ id: modelId('inc'), name: 'InceptionV1', family: 'inception', graph: inceptionV1Graph(), weights: { kind: 'seeded', seed: 1 } }]);
    enqueued = [];
    const queue = {
      enqueue: async (kind: string, input: unknown, options: { dedupeKey?: string }) => {
        enqueued.push({ kind, input });
        return (await insertJob(store, { kind, input, dedupeKey: options.dedupeKey })).job;
      },
    } as unknown as JobQueue;
    deps = { store, queue, catalog: createModelCatalog(store), workerBackend: 'cpu', maxUploadBytes: 1, uploadDir: dir, catalogue: [] };
    schema = makeExecutableSchema({ typeDefs, resolvers });
  });
  afterEach(async () => {
    process.env.BRANCHSCOPE_DATASET_DIRS = saved;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const execute = (source: string, variableValues: Record<string, unknown> = {}) => graphql({ schema, source, variableValues, contextValue: { deps, requestId: 't' } });
  const run = async (source: string, variableValues: Record<string, unknown> = {}) => {
    const answer = await execute(source, variableValues);
    expect(answer.errors).toBeUndefined();
    return answer.data as any;
  };
  const register = (name: string, folder: string) => `mutation { registerDataset(name: "${name}", path: "${folder}") { id name images classes } }`;

  it('registers an image folder under a configured folder once, and lists it', async () => {
    const folder = path.join(dir, 'root', 'tiny');
    expect((await run(register('Tiny', folder))).registerDataset).toEqual({ id: 'tiny', name: 'Tiny', images: 1, classes: ['red'] });
    expect((await run(register('Again', folder))).registerDataset.id).toBe('tiny');
    expect((await run('{ datasets { id } dataset(id: "tiny") { images } none: dataset(id: "x") { id } }'))).toEqual({ datasets: [{ id: 'tiny' }], dataset: { images: 1 }, none: null });
  });

  it('names the folder that is missing, outside the configured folders, a file or without images', async () => {
    const error = async (name: string, folder: string) => (await execute(register(name, folder))).errors?.[0];
    expect((await error('x', path.join(dir, 'root', 'nope')))?.message).toMatch(/dataset folder '.*nope' does not exist on the server/);
    expect((await error('x', path.join(dir, 'outside')))?.message).toMatch(/is not under a folder this server reads datasets from .*BRANCHSCOPE_DATASET_DIRS/);
    expect((await error('x', path.join(dir, 'root', 'tiny', 'red', '0.png')))?.message).toMatch(/is a file/);
    expect((await error('x', path.join(dir, 'root', 'empty')))?.message).toMatch(/has no JPEG or PNG image/);
    expect((await error(' ', path.join(dir, 'root', 'tiny')))?.message).toBe('name must not be blank');
  });

  it('answers a page of neurons with one dataset-examples job, then with the stored lists', async () => {
    await run(register('Tiny', path.join(dir, 'root', 'tiny')));
    const first = (await run(EXAMPLES)).neurons.edges;
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]).toMatchObject({ kind: DATASET_EXAMPLES_JOB, input: { modelId: 'inc', datasetId: 'tiny', layer: 'mixed4e' } });
    expect(new Set(first.map((e: any) => e.node.datasetExamples.job.id)).size).toBe(1);
    expect(first[0].node.datasetExamples).toMatchObject({ result: null, job: { kind: DATASET_EXAMPLES_JOB, status: 'QUEUED' } });

    const example = (value: number) => ({ image: 0, file: 'red/0.png', value, y: 1, x: 2, box: { y0: 0, x0: 5, y1: 40, x1: 45 }, cropKey: `crop${value}` });
    const units = Array.from({ length: 832 }, (_, unit) => ({
      mean: { top: [example(unit + 0.5)], bottom: [example(-unit)] },
      max: { top: [example(unit + 1)], bottom: [example(unit - 1)] },
    }));
    const digest = modelDigest((await getModel(store, 'inc'))!);
    const value: DatasetExamplesValue = { modelId: 'inc', datasetId: 'tiny', layer: 'mixed4e', images: 1, imageSize: 224, field: { jump: [16, 16], size: [40, 40], offset: [0, 0] }, units, engine: 'tfjs-cpu' };
    await putResult(store, { key: datasetExamplesKey(digest, 'tiny', 'mixed4e'), kind: 'dataset-examples', modelId: modelId('inc'), params: {}, value, jobId: null });
    const stored = (await run(EXAMPLES, { by: 'MAX', order: 'BOTTOM' })).neurons.edges;
    expect(stored[2].node.datasetExamples).toEqual({
      result: [{ rank: 1, file: 'red/0.png', value: 1, box: { y0: 0, x0: 5, y1: 40, x1: 45 }, cropUrl: '/artifacts/crop1.png' }],
      job: null,
    });
    expect((await run(EXAMPLES)).neurons.edges[1].node.datasetExamples.result[0].value).toBe(1.5);
    expect(enqueued).toHaveLength(1);

    // A page reads the layer's examples once, whatever its size.
    let queries = 0;
    const counter: KyselyPlugin = { transformQuery: (args) => (queries++, args.node), transformResult: async (args) => args.result };
    const counted: Store = { ...store, db: store.db.withPlugin(counter), close: store.close };
    deps = { ...deps, store: counted, catalog: createModelCatalog(counted) };
    const counts = [];
    for (const first of [3, 300]) {
      queries = 0;
      const page = await run(EXAMPLES.replace('first: 3', `first: ${first}`));
      expect(page.neurons.edges).toHaveLength(first);
      counts.push(queries);
    }
    // The model, the dataset and the stored result.
    expect(counts).toEqual([3, 3]);
  });

  it('names an unknown dataset and a layer without positions', async () => {
    const answer = await execute(EXAMPLES);
    expect(answer.errors?.[0]?.message).toMatch(/no dataset with id 'tiny'; known datasets: none/);
    await run(register('Tiny', path.join(dir, 'root', 'tiny')));
    const dense = await execute(`{ neuron(modelId: "inc", layer: "${inceptionV1Graph().output}", unit: 0) { datasetExamples(dataset: "tiny") { job { id } } } }`);
    expect(dense.errors?.[0]?.message).toMatch(/^dataset examples: receptive field: layer '.+' of model '.+' \(\w+\) has no spatial positions$/);
    expect(enqueued).toEqual([]);
  });
});
