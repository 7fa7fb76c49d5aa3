import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Dataset, DatasetExample } from '@branchscope/client';
import { followJob } from '../support/follow-answer';
import { postGraphql, queryData } from '../support/graphql';
import { writeSeededImageFolder } from '../support/seeded-image-folder';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';

const REGISTER = 'mutation ($path: String!) { registerDataset(name: "Stripes", path: $path) { id images classes } }';
const EXAMPLES = `query ($by: ExampleMeasure, $order: ExampleOrder) {
  neurons(modelId: "small-alexnet-2b", layer: "conv1", first: 4) {
    edges { node { unit datasetExamples(dataset: "stripes", by: $by, order: $order) { result { rank file value box { y0 x0 y1 x1 } cropUrl } job { id kind status progress error } } } }
  }
}`;

/** What EXAMPLES selects, in the client's generated `DatasetExample` fields. */
type Example = Pick<DatasetExample, 'rank' | 'file' | 'value' | 'box' | 'cropUrl'>;
interface Examples {
  neurons: { edges: { node: { unit: number; datasetExamples: Answer<Example[]> } }[] };
}

const DATASETS = '{ datasets { id name path images classes } }';

describe('API: dataset examples computed in the worker pool', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'branchscope-datasets-'));
    writeSeededImageFolder(path.join(root, 'stripes'));
    // Laid out as packages/training/scripts/build-default-dataset.ts builds the natural-image default.
    writeSeededImageFolder(path.join(root, 'natural-default'));
    writeFileSync(path.join(root, 'natural-default', 'PROVENANCE.json'), JSON.stringify({ name: 'natural-default', classes: ['colour', 'stripes'] }));
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_DATASET_DIRS: root } });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
    rmSync(root, { recursive: true, force: true });
  });

  it('registers the natural-image default found in a dataset folder at start', async () => {
    const { datasets } = await queryData<{ datasets: Dataset[] }>(api.url, DATASETS);
    const natural = datasets.find((d) => d.id === 'natural-default');
    expect(natural).toMatchObject({ name: 'Natural images (default)', images: 24, classes: ['colour', 'stripes'] });
    expect(natural!.path).toBe(path.join(realpathSync(root), 'natural-default'));
    expect(api.output()).toMatch(/registered dataset: natural-default/);
  });

  it('registers a folder, answers with one job for the layer, then serves every unit’s examples and crops', async () => {
    const { registerDataset } = await queryData<{ registerDataset: Pick<Dataset, 'id' | 'images' | 'classes'> }>(api.url, REGISTER, { path: path.join(root, 'stripes') });
    expect(registerDataset).toEqual({ id: 'stripes', images: 24, classes: ['colour', 'stripes'] });
    const first = await queryData<Examples>(api.url, EXAMPLES);
    const jobs = new Set(first.neurons.edges.map((e) => e.node.datasetExamples.job?.id));
    expect(jobs.size).toBe(1);
    await followJob(api.url, first.neurons.edges[0]!.node.datasetExamples.job!);
    for (const by of ['MEAN', 'MAX']) {
      const { neurons } = await queryData<Examples>(api.url, EXAMPLES, { by });
      for (const { node } of neurons.edges) {
        const list = node.datasetExamples.result!;
        expect(list.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        for (let i = 1; i < list.length; i++) expect(list[i - 1]!.value).toBeGreaterThanOrEqual(list[i]!.value);
      }
    }
    // The 9 lowest: ascending, none above the 9 highest, and other images than theirs.
    for (const by of ['MEAN', 'MAX']) {
      const [top, bottom] = await Promise.all(['TOP', 'BOTTOM'].map(async (order) => (await queryData<Examples>(api.url, EXAMPLES, { by, order })).neurons.edges));
      for (const [i, { node }] of bottom!.entries()) {
        const lowest = node.datasetExamples.result!;
        const highest = top![i]!.node.datasetExamples.result!;
        expect(lowest.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        for (let j = 1; j < lowest.length; j++) expect(lowest[j - 1]!.value).toBeLessThanOrEqual(lowest[j]!.value);
        expect(Math.max(...lowest.map((e) => e.value))).toBeLessThanOrEqual(Math.min(...highest.map((e) => e.value)));
        expect(lowest.map((e) => e.file)).not.toEqual(highest.map((e) => e.file));
      }
    }
    const crop = (await queryData<Examples>(api.url, EXAMPLES)).neurons.edges[0]!.node.datasetExamples.result![0]!;
    const png = await fetch(new URL(crop.cropUrl, api.url));
    expect(png.headers.get('content-type')).toBe('image/png');
  }, 240_000);

  it('names a folder outside the configured dataset folders', async () => {
    const body = await postGraphql(api.url, REGISTER, { path: tmpdir() });
    expect(body.errors?.[0]?.message).toMatch(/is not under a folder this server reads datasets from/);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('API: a start without the natural-image default built', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'branchscope-no-default-'));
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_DATASET_DIRS: root } });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts and lists no default dataset', async () => {
    const { datasets } = await queryData<{ datasets: Dataset[] }>(api.url, DATASETS);
    expect(datasets.map((d) => d.id)).not.toContain('natural-default');
    expect(api.output()).not.toMatch(/registered dataset/);
  });
});
