import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inceptionV1GraphDef, smallAlexnetOnnx } from '@branchscope/model-import/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql, queryData, type GraphqlResponse } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { importAndWait, importModel, modelView, waitForJob, type ImportJob } from './import-queries';
import { createLabelSet, enrichment, labelSets, type LabelSet } from './label-queries';

const PUBLISHED = 'published:inceptionv1-5x5';

function attach(url: string, modelId: string, labelSetId: string): Promise<GraphqlResponse<{ attachPublishedLabelSet: LabelSet }>> {
  const query = `mutation($modelId: ID!, $labelSetId: ID!) {
    attachPublishedLabelSet(modelId: $modelId, labelSetId: $labelSetId) { id modelId name source author params labelCount }
  }`;
  return postGraphql(url, query, { modelId, labelSetId });
}

describe("API: Lucid's InceptionV1 as a TensorFlow GraphDef (.pb), with the published categories attached", () => {
  let dir: string;
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;
  let pb: string;
  let job: ImportJob;
  let modelId: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-graphdef-api-'));
    pb = path.join(dir, 'InceptionV1.pb');
    writeFileSync(pb, inceptionV1GraphDef().bytes);
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
    const { data, errors } = await importModel(api.url, { name: 'Lucid InceptionV1', format: 'GRAPHDEF', path: pb, inputRange: [-117, 138] });
    if (!data) throw new Error(`importModel was refused: ${errors?.map((e) => e.message).join('; ')}`);
    job = await waitForJob(api.url, data.importModel.id, 180_000);
    modelId = job.model!.id;
  }, 240_000);
  afterAll(async () => {
    await api?.stop();
    db?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports the .pb by path with the built-in's layers and its nine concat blocks, unit for unit", async () => {
    expect(job).toMatchObject({ kind: 'import-model', status: 'SUCCEEDED', error: null });
    expect((job.result as { branchedBlocks: object }).branchedBlocks).toEqual({ grouped: 0, concat: 9, residual: 0, gate: 0 });
    const [imported, builtin] = [(await modelView(api.url, modelId))!, (await modelView(api.url, 'inceptionv1'))!];
    expect(imported.source).toMatchObject({ format: 'GRAPHDEF', fileName: 'InceptionV1.pb' });
    expect(imported.layers).toEqual(builtin.layers);
    expect(imported.branchedBlocks).toEqual(builtin.branchedBlocks);
    const mixed3a = imported.branchedBlocks.find((b) => b.name === 'mixed3a')!;
    expect(mixed3a.branches[2]).toEqual({ name: 'mixed3a/5x5', units: { start: 192, end: 224 } });
  });

  it('lists no published set on the imported model until one is attached; attaching copies it once', async () => {
    expect((await labelSets(api.url, modelId)).map((s) => s.id)).toEqual([]);
    const { data, errors } = await attach(api.url, modelId, PUBLISHED);
    expect(errors).toBeUndefined();
    const copy = data!.attachPublishedLabelSet;
    expect(copy).toMatchObject({ id: `${PUBLISHED}@${modelId}`, modelId, source: 'PUBLISHED', author: 'Voss et al. (Distill 2021)', labelCount: 176 });
    const params = copy.params as { about: string; attachedFrom: object; note: string };
    expect(params.about).toMatch(/CC-BY 4\.0/);
    expect(params.attachedFrom).toEqual({ labelSetId: PUBLISHED, modelId: 'inceptionv1' });
    expect(params.note).toMatch(/same branches, unit for unit, at mixed3a, mixed3b, mixed4a/);
    expect((await attach(api.url, modelId, PUBLISHED)).data!.attachPublishedLabelSet.id).toBe(copy.id);
    expect((await attach(api.url, modelId, copy.id)).data!.attachPublishedLabelSet.id).toBe(copy.id);
    expect((await labelSets(api.url, modelId)).map((s) => s.id)).toEqual([copy.id]);
  });

  it.each(['mixed3a', 'mixed3b', 'mixed4a'])("gives the built-in's enrichment of %s, row for row", async (layer) => {
    const copy = `${PUBLISHED}@${modelId}`;
    expect(await enrichment(api.url, modelId, copy, layer)).toEqual(await enrichment(api.url, 'inceptionv1', PUBLISHED, layer));
    expect(await enrichment(api.url, modelId, copy, layer, 'LABELLED')).toEqual(await enrichment(api.url, 'inceptionv1', PUBLISHED, layer, 'LABELLED'));
  });

  it("reports the article's 2.4847e-9 for 'BW vs Color' in the imported mixed3a's 5x5 branch", async () => {
    const rows = await enrichment(api.url, modelId, `${PUBLISHED}@${modelId}`, 'mixed3a');
    const bw = rows.find((r) => r.branch === 'mixed3a/5x5' && r.category === 'BW vs Color')!;
    expect([bw.inBranch, bw.categorySize, bw.branchSize, bw.layerUnits]).toEqual([9, 9, 32, 256]);
    expect(bw.p.toPrecision(5)).toBe('2.4847e-9');
  });

  it('refuses to attach to a model whose branches differ, or a set that is not published', async () => {
    const other = await attach(api.url, 'alexnet', PUBLISHED);
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0]?.message).toBe(`label set '${PUBLISHED}' cannot be attached to model 'alexnet': model 'alexnet' has no layer 'mixed3a'`);
    const human = await createLabelSet(api.url, 'inceptionv1', 'mine', 'me');
    const refused = await attach(api.url, modelId, human.id);
    expect(refused.errors?.[0]?.message).toMatch(/is a human set; only published sets are attached to other models/);
    expect((await attach(api.url, modelId, 'no-such-set')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('imports the same .pb sent as base64 (staged as .pb), as a model of its own when its input range differs', async () => {
    const bytes = Buffer.from(inceptionV1GraphDef().bytes).toString('base64');
    const { data, errors } = await importModel(api.url, { name: 'Lucid InceptionV1 upload', format: 'GRAPHDEF', base64: bytes });
    if (!data) throw new Error(`importModel was refused: ${errors?.map((e) => e.message).join('; ')}`);
    const uploaded = await waitForJob(api.url, data.importModel.id, 180_000);
    expect(uploaded).toMatchObject({ status: 'SUCCEEDED', error: null });
    const model = (await modelView(api.url, uploaded.model!.id))!;
    expect(model.source).toMatchObject({ format: 'GRAPHDEF', fileName: 'lucid-inceptionv1-upload.pb' });
    expect(model.branchedBlocks).toEqual((await modelView(api.url, modelId))!.branchedBlocks);
    const again = await importModel(api.url, { name: 'Lucid InceptionV1 upload', format: 'GRAPHDEF', base64: bytes });
    expect(again.data!.importModel.id).toBe(uploaded.id);
  });

  it('tells a .pb sent as ONNX, and an ONNX file sent as GRAPHDEF, which format to use', async () => {
    const asOnnx = await importAndWait(api.url, { name: 'pb as onnx', format: 'ONNX', path: pb });
    expect(asOnnx.status).toBe('FAILED');
    expect(asOnnx.error).toMatch(/^'InceptionV1\.pb' is a TensorFlow frozen GraphDef .*, not an ONNX file: import it with format GRAPHDEF$/);
    const { errors } = await importModel(api.url, { name: 'onnx as pb', format: 'GRAPHDEF', base64: Buffer.from(smallAlexnetOnnx()).toString('base64') });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/^base64 upload: 'onnx-as-pb\.onnx' is an ONNX model .*, not a TensorFlow GraphDef: import it with format ONNX$/);
  });

  it("fails the job of a file that is no GraphDef with the importer's code", async () => {
    const junk = path.join(dir, 'junk.pb');
    writeFileSync(junk, 'not a graph');
    const failed = await importAndWait(api.url, { name: 'junk', format: 'GRAPHDEF', path: junk });
    expect(failed.error).toMatch(/^cannot import 'junk\.pb' \(GraphDef NOT_GRAPHDEF\): the file is not a TensorFlow GraphDef/);
    expect(await queryData<{ model: null }>(api.url, '{ model(id: "junk") { id } }')).toEqual({ model: null });
  });
});
