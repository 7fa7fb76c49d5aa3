import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { modelFormatSamples } from '@branchscope/model-import/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { importAndWait, importJobIds, importModel, modelIds } from './import-queries';

const samples = modelFormatSamples();

/** What each recognised format's refusal must say: what it is, and the start of the command that converts it. */
const EXPECTED: Array<[string, RegExp, string]> = [
  ['pytorch', /is a PyTorch checkpoint \(\.pt\/\.pth, torch\.save\) \(found: a zip archive with archive\/data\.pkl/, 'torch.onnx.export(model.eval(), torch.randn(1, 3, 224, 224)'],
  ['pytorch-pickle', /is a PyTorch checkpoint .*\(found: a Python pickle, protocol 2\)/, "torch.load('"],
  ['torchscript', /is a TorchScript archive \(torch\.jit\.save\)/, 'torch.jit.load('],
  ['keras-h5', /is a Keras HDF5 model \(\.h5\)/, 'tensorflowjs_converter --input_format=keras '],
  ['keras', /is a Keras 3 model \(\.keras/, 'keras.models.load_model('],
  ['safetensors', /is a safetensors weights file/, 'model.load_state_dict(load_file('],
  ['onnx-external-data', /is an ONNX model whose weights live in external data files \(found: 1 initializers stored outside the file: w\)/, 'onnx.load('],
  // A TensorFlow GraphDef is imported with format GRAPHDEF; sent as ONNX it is told so (import-graphdef.test.ts).
];

describe('API: model formats that cannot be imported yet are named, with the command that converts them', () => {
  let dir: string;
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'branchscope-formats-api-'));
    for (const sample of Object.values(samples)) writeFileSync(path.join(dir, sample.fileName), sample.bytes);
    mkdirSync(path.join(dir, 'exported', 'variables'), { recursive: true });
    writeFileSync(path.join(dir, 'exported', 'saved_model.pb'), samples['tf-saved-model']!.bytes);
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(EXPECTED)('refuses a %s upload (base64) with BAD_USER_INPUT naming the format and the conversion, starting no job', async (key, what, command) => {
    const before = await importJobIds(api.url);
    const { errors } = await importModel(api.url, { name: 'Uploaded', format: 'ONNX', base64: Buffer.from(samples[key]!.bytes).toString('base64') });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/^base64 upload: 'uploaded\.[a-z0-9]+' /);
    expect(errors?.[0]?.message).toMatch(what);
    expect(errors?.[0]?.message).toContain('which branchscope cannot import yet');
    expect(errors?.[0]?.message).toContain(command);
    expect(await importJobIds(api.url)).toEqual(before);
  });

  it.each(EXPECTED)('fails the import job of a %s file given by path with that message, storing nothing', async (key, what, command) => {
    const models = await modelIds(api.url);
    const fileName = samples[key]!.fileName;
    const job = await importAndWait(api.url, { name: `by path ${key}`, format: 'ONNX', path: path.join(dir, fileName) });
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(new RegExp(`^'${fileName.replace(/\./g, '\\.')}' `));
    expect(job.error).toMatch(what);
    expect(job.error).toContain(command);
    expect(job.error).not.toContain('ModelProto');
    expect(await modelIds(api.url)).toEqual(models);
  });

  it('gives the exact export one-liner for a PyTorch file, with its own name in and its .onnx name out', async () => {
    const job = await importAndWait(api.url, { name: 'resnet18 pt', format: 'ONNX', path: path.join(dir, 'resnet18.pt') });
    expect(job.error).toContain(
      `python -c "import torch; model = torch.load('resnet18.pt', weights_only=False); torch.onnx.export(model.eval(), torch.randn(1, 3, 224, 224), 'resnet18.onnx', opset_version=13)"`,
    );
  });

  it('refuses a TensorFlow SavedModel folder, as ONNX or as TF.js, with BAD_USER_INPUT and tensorflowjs_converter', async () => {
    for (const format of ['ONNX', 'TFJS']) {
      const { errors } = await importModel(api.url, { name: 'saved', format, path: path.join(dir, 'exported') });
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toContain(`'${path.join(dir, 'exported')}' is a TensorFlow SavedModel (a folder with saved_model.pb)`);
      expect(errors?.[0]?.message).toContain(`tensorflowjs_converter --input_format=tf_saved_model ${path.join(dir, 'exported')} exported_tfjs/`);
    }
  });

  it('lets a self-contained ONNX file through to the ONNX importer, which judges it on its own terms', async () => {
    const job = await importAndWait(api.url, { name: 'tiny add', format: 'ONNX', path: path.join(dir, 'add.onnx') });
    // The tiny Add model is valid ONNX without an image input: the importer's own refusal, not the format check's.
    expect(job.error).toMatch(/^cannot import 'add\.onnx' \(ONNX NOT_CONVERTIBLE\): input 'x' is float32 \[2\]/);
  });
});
