import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WeightImage } from '@branchscope/client';
import { smallAlexnetOnnx, writeKerasFolder } from '@branchscope/model-import/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_JOB_FIELDS, answerOf } from '../support/follow-answer';
import { queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { importAndWait, importJobIds, importModel, modelIds, modelView, type ImportJob } from './import-queries';
import { featureImages } from './feature-image-queries';
import { svdFactors, type SvdFactors } from './svd-queries';

/** Small enough for the tests' uploads, so the limit itself can be crossed cheaply. */
const UPLOAD_LIMIT = 2 * 2 ** 20;

describe('API: importing ONNX files and TF.js folders through the import-model job', () => {
  let dir: string;
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;
  const onnx = Buffer.from(smallAlexnetOnnx());
  let imported: ImportJob;
  let importedId: string;
  const start = () => startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT) } });
  const svd = async (modelId: string): Promise<SvdFactors> =>
    svdFactors(api.url, { modelId, from: 'conv1', to: 'conv2', centered: false, components: 8 });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-import-api-'));
    writeFileSync(path.join(dir, 'small-alexnet.onnx'), onnx);
    writeFileSync(path.join(dir, 'truncated.onnx'), onnx.subarray(0, 200_000));
    await writeKerasFolder('inception', path.join(dir, 'keras-inception'));
    await writeKerasFolder('resnet', path.join(dir, 'keras-resnet'));
    db = tempDbPath();
    api = await start();
    imported = await importAndWait(api.url, { name: 'Small BVLC AlexNet', format: 'ONNX', base64: onnx.toString('base64') });
    importedId = imported.model!.id;
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports an ONNX file sent as base64: the job succeeds and names the model in its result', async () => {
    expect(imported).toMatchObject({ kind: 'import-model', status: 'SUCCEEDED', progress: 1, error: null });
    const result = imported.result as { modelId: string; branchedBlocks: object; layers: number };
    expect(result.modelId).toBe(importedId);
    expect(result.branchedBlocks).toEqual({ grouped: 3, concat: 0, residual: 0, gate: 0 });
  });

  it("serves the imported model's layers, grouped blocks and source, and lists it among the models", async () => {
    const model = (await modelView(api.url, importedId))!;
    expect(model).toMatchObject({ name: 'Small BVLC AlexNet', family: 'imported' });
    expect(model.layers.find((l) => l.name === 'conv2')).toMatchObject({ op: 'conv', units: 64, group: 2 });
    expect(model.branchedBlocks.map((b) => [b.name, b.kind, b.branches.length])).toEqual([
      ['conv2', 'GROUPED', 2],
      ['conv4', 'GROUPED', 2],
      ['conv5', 'GROUPED', 2],
    ]);
    expect(model.source).toEqual({
      format: 'ONNX',
      fileName: expect.stringMatching(/\.onnx$/),
      sha256: createHash('sha256').update(onnx).digest('hex'),
      bytes: onnx.length,
      jobId: imported.id,
    });
    expect(await modelIds(api.url)).toContain(importedId);
  });

  it("gives svdFactors of the imported conv1 -> conv2 whose components each lie in one branch (|W| is block-diagonal)", async () => {
    const factors = await svd(importedId);
    expect([factors.rows, factors.cols]).toEqual([32, 64]);
    expect(factors.fromUnits.map((u) => u.branch)).toEqual([...Array(16).fill(0), ...Array(16).fill(1)]);
    expect(factors.toUnits.map((u) => u.branch)).toEqual([...Array(32).fill(0), ...Array(32).fill(1)]);
    for (let k = 0; k < 8; k++) {
      const mass = [0, 1].map((b) => factors.fromUnits.filter((u) => u.branch === b).reduce((s, u) => s + u.factors[k]! ** 2, 0));
      // A unit left factor has squared norm 1; all of it lies in one branch, up to rounding (1e-9).
      expect(Math.max(...mass), `component ${k}`).toBeGreaterThan(1 - 1e-9);
    }
  });

  it("renders feature images and first-layer weight images of the imported model from its stored weights", async () => {
    const images = await featureImages(api.url, { modelId: importedId, layer: 'conv2', units: [0, 40], steps: 4, size: 32 });
    expect(images.map((image) => [image.unit, image.url])).toEqual([
      [0, expect.stringMatching(/^\/artifacts\/[0-9a-f]{64}\.png$/)],
      [40, expect.stringMatching(/^\/artifacts\/[0-9a-f]{64}\.png$/)],
    ]);
    expect((await fetch(`${api.origin}${images[0]!.url}`)).headers.get('content-type')).toBe('image/png');
    const weightImages = await answerOf<Pick<WeightImage, 'unit' | 'channels'>[]>(
      api.url,
      `query W($id: ID!) { weightImages(modelId: $id, layer: "conv1") { result { unit channels } ${ANSWER_JOB_FIELDS} } }`,
      'weightImages',
      { id: importedId },
    );
    expect(weightImages.map((w) => w.unit)).toEqual(Array.from({ length: 32 }, (_, i) => i));
  });

  it('returns the same job for the same bytes again, by base64 or by path, and starts no new import', async () => {
    const before = await importJobIds(api.url);
    const again = await importModel(api.url, { name: 'another name', format: 'ONNX', base64: onnx.toString('base64') });
    const byPath = await importModel(api.url, { name: 'by path', format: 'ONNX', path: path.join(dir, 'small-alexnet.onnx') });
    expect([again.data?.importModel.id, byPath.data?.importModel.id]).toEqual([imported.id, imported.id]);
    expect(byPath.data?.importModel.model?.id).toBe(importedId);
    expect(await importJobIds(api.url)).toEqual(before);
  });

  it("fails a truncated file's job with the importer's code and message, stores nothing, and keeps serving", async () => {
    const models = await modelIds(api.url);
    const job = await importAndWait(api.url, { name: 'broken', format: 'ONNX', path: path.join(dir, 'truncated.onnx') });
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/^cannot import 'truncated\.onnx' \(ONNX TRUNCATED\): .+/);
    expect(job.model).toBeNull();
    expect(await modelIds(api.url)).toEqual(models);
    expect((await modelView(api.url, importedId))?.id).toBe(importedId);
  });

  it('imports a TF.js Inception folder by path and finds its two Concat blocks', async () => {
    const job = await importAndWait(api.url, { name: 'Keras Inception', format: 'TFJS', path: path.join(dir, 'keras-inception') });
    expect(job.status).toBe('SUCCEEDED');
    const model = (await modelView(api.url, job.model!.id))!;
    expect(model.branchedBlocks.map((b) => [b.name, b.kind, b.branches.length])).toEqual([
      ['mixed3a', 'CONCAT', 4],
      ['mixed3b', 'CONCAT', 4],
    ]);
    expect(model.source).toMatchObject({ format: 'TFJS', fileName: 'keras-inception' });
  });

  it('imports a TF.js ResNet folder by path and finds its residual blocks', async () => {
    const job = await importAndWait(api.url, { name: 'Keras ResNet', format: 'TFJS', path: path.join(dir, 'keras-resnet'), inputRange: [-1, 1] });
    expect(job.status).toBe('SUCCEEDED');
    const model = (await modelView(api.url, job.model!.id))!;
    expect(model.branchedBlocks.filter((b) => b.kind === 'RESIDUAL').length).toBe(3);
  });

  const refusals: Array<[string, () => Parameters<typeof importModel>[1], RegExp]> = [
    ['neither path nor base64', () => ({ name: 'x', format: 'ONNX' }), /give the file to import: path .* or base64/],
    ['both path and base64', () => ({ name: 'x', format: 'ONNX', path: '/tmp/x.onnx', base64: 'AAAA' }), /either path or base64, not both/],
    ['a path with no file', () => ({ name: 'x', format: 'ONNX', path: path.join(dir, 'missing.onnx') }), /no ONNX file at '.*missing\.onnx'/],
    ['a folder given as an ONNX file', () => ({ name: 'x', format: 'ONNX', path: dir }), /is not a file; an ONNX import reads one \.onnx file/],
    ['a folder without model.json', () => ({ name: 'x', format: 'TFJS', path: dir }), /cannot read '.*model\.json' \(a TF\.js folder needs one\)/],
    ['a TF.js model sent as base64', () => ({ name: 'x', format: 'TFJS', base64: 'AAAA' }), /a TF\.js model is a folder .* import it by path/],
    ['an upload over the limit', () => ({ name: 'x', format: 'ONNX', base64: Buffer.alloc(UPLOAD_LIMIT + 3).toString('base64') }), /^base64 upload 'x\.onnx' is 2\.00 MiB decoded, over the upload limit of 2\.00 MiB \(BRANCHSCOPE_MAX_UPLOAD_BYTES\); import a larger file by path/],
    ['text that is not base64', () => ({ name: 'x', format: 'ONNX', base64: 'not*base64!' }), /base64 is not valid base64/],
    ['a reversed input range', () => ({ name: 'x', format: 'ONNX', base64: 'AAAA', inputRange: [1, 0] }), /inputRange must be two finite numbers \[low, high\] with low < high, got \[1, 0\]/],
    ['a blank name', () => ({ name: '  ', format: 'ONNX', base64: 'AAAA' }), /name must not be blank/],
    ['a format the schema does not have', () => ({ name: 'x', format: 'KERAS', base64: 'AAAA' }), /"KERAS" does not exist in "ModelFormat" enum/],
  ];

  it.each(refusals)('refuses %s with BAD_USER_INPUT naming the problem, storing nothing', async (_what, request, message) => {
    const before = await importJobIds(api.url);
    const { errors } = await importModel(api.url, request());
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(message);
    expect(await importJobIds(api.url)).toEqual(before);
  });

  it('answers 413 naming the limit when an importModel body is far over the upload limit', async () => {
    const { status, errors } = await importModel(api.url, { name: 'x', format: 'ONNX', base64: Buffer.alloc(2 * UPLOAD_LIMIT).toString('base64') });
    expect(status).toBe(413);
    expect(errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(errors?.[0]?.message).toMatch(/^an importModel request with its base64 upload is larger than the limit of 3\.67 MB \(got 5\.33 MB\): the upload limit is BRANCHSCOPE_MAX_UPLOAD_BYTES \(decoded\); import a larger file by path$/);
  });

  it('serves the imported model, its SVD and its weights after a restart on the same database', async () => {
    const model = await modelView(api.url, importedId);
    const factors = await svd(importedId);
    await api.stop();
    api = await start();
    expect(await modelView(api.url, importedId)).toEqual(model);
    expect(await svd(importedId)).toEqual(factors);
    // A result first asked for after the restart is computed from the weights stored before it.
    const later = await svdFactors(api.url, { modelId: importedId, from: 'conv3', to: 'conv4', centered: false, components: 2 });
    expect([later.rows, later.cols]).toEqual([96, 96]);
  });
});
