import { appendFile, mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '@branchscope/runtime/testing';
import { conv2d, tinyGraphModel, writeGraphModel } from './graph-model-fixture.test-support';
import { importTfjsFolder } from './import-tfjs-folder';
import { seedLayersModel } from './keras-fixtures.test-support';
import { saveLayersModel } from './save-to-folder.test-support';
import { TfjsImportError, type TfjsImportErrorCode } from './tfjs-import-error';

let root: string;
let count = 0;

beforeAll(async () => {
  await useBackend('cpu');
  root = await mkdtemp(path.join(tmpdir(), 'tfjs-import-errors-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A 6x6x2 -> conv 3x3 (4) -> flatten -> dense 3 model, saved to a fresh folder in 256-byte shards (5 files). */
async function savedTinyModel(activation: 'relu' | 'tanh' = 'relu', extra?: (x: tfl.SymbolicTensor) => tfl.SymbolicTensor): Promise<string> {
  const input = tfl.input({ name: 'image', shape: [6, 6, 2] });
  let x = tfl.layers.conv2d({ name: 'conv', filters: 4, kernelSize: 3, activation }).apply(input) as tfl.SymbolicTensor;
  if (extra) x = extra(x);
  x = tfl.layers.flatten({ name: 'flatten' }).apply(x) as tfl.SymbolicTensor;
  const model = tfl.model({ name: 'tiny', inputs: input, outputs: tfl.layers.dense({ name: 'fc', units: 3 }).apply(x) as tfl.SymbolicTensor });
  seedLayersModel(model, 1);
  const dir = path.join(root, `model${count++}`);
  await saveLayersModel(model, dir, 256);
  model.dispose();
  return dir;
}

async function editJson(dir: string, edit: (json: any) => void): Promise<void> {
  const file = path.join(dir, 'model.json');
  const json = JSON.parse(await readFile(file, 'utf8'));
  edit(json);
  await writeFile(file, JSON.stringify(json));
}

/** The TfjsImportError an import of `dir` rejects with. */
async function importError(dir: string): Promise<TfjsImportError> {
  const error = await importTfjsFolder(dir).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(TfjsImportError);
  return error as TfjsImportError;
}

const expectError = async (dir: string, code: TfjsImportErrorCode, ...mentions: string[]): Promise<void> => {
  const error = await importError(dir);
  expect(error.code).toBe(code);
  for (const text of mentions) expect(error.message).toContain(text);
};

describe('importTfjsFolder errors', () => {
  it('rejects a folder without model.json, naming the path', async () => {
    await expectError(path.join(root, 'nowhere'), 'missing-model-json', path.join(root, 'nowhere', 'model.json'));
  });

  it('rejects a model.json that is not JSON', async () => {
    const dir = path.join(root, 'garbled');
    await writeGraphModel(dir, tinyGraphModel());
    await writeFile(path.join(dir, 'model.json'), '{"format": "layers-model", ');
    await expectError(dir, 'invalid-model-json', 'model.json is not valid JSON');
  });

  it('rejects a weight file path that leaves the model folder', async () => {
    const dir = await savedTinyModel();
    await editJson(dir, (json) => {
      json.weightsManifest[0].paths[0] = '../../secret.bin';
    });
    await expectError(dir, 'invalid-model-json', "'../../secret.bin'");
  });

  it('rejects a missing shard, naming the file', async () => {
    const dir = await savedTinyModel();
    await unlink(path.join(dir, 'group1-shard2of5.bin'));
    await expectError(dir, 'missing-shard', path.join(dir, 'group1-shard2of5.bin'));
  });

  it('rejects a short last shard, naming it and the byte count it should hold', async () => {
    // 4x(3x3x2) kernel + 4 bias + 64x3 dense kernel + 3 bias = 271 floats = 1084 bytes; the last shard holds 60.
    const dir = await savedTinyModel();
    await truncate(path.join(dir, 'group1-shard5of5.bin'), 20);
    await expectError(dir, 'short-shard', `${path.join(dir, 'group1-shard5of5.bin')} holds 20 bytes, expected 60`, 'need 1084 bytes');
  });

  it('blames a truncated middle shard rather than the last one', async () => {
    const dir = await savedTinyModel();
    await truncate(path.join(dir, 'group1-shard3of5.bin'), 100);
    await expectError(dir, 'short-shard', `${path.join(dir, 'group1-shard3of5.bin')} holds 100 bytes, expected 256`);
  });

  it('rejects a last shard longer than its manifest says, naming it, its size and the size expected', async () => {
    const dir = await savedTinyModel();
    const last = path.join(dir, 'group1-shard5of5.bin');
    await truncate(last, 64);
    await expectError(dir, 'long-shard', `${last} holds 64 bytes, expected 60`, 'need 1084 bytes', 'found 1088');
  });

  it('blames a middle shard longer than its siblings rather than the last one', async () => {
    const dir = await savedTinyModel();
    await appendFile(path.join(dir, 'group1-shard2of5.bin'), new Uint8Array(8));
    await expectError(dir, 'long-shard', `${path.join(dir, 'group1-shard2of5.bin')} holds 264 bytes, expected 256`);
  });

  it('rejects a layer whose weight the manifest lacks, naming the layer and the weight', async () => {
    const dir = await savedTinyModel();
    await editJson(dir, (json) => {
      json.weightsManifest[0].weights = json.weightsManifest[0].weights.filter((w: { name: string }) => w.name !== 'fc/bias');
    });
    // fc/bias (3 floats) came last: drop its bytes too, or the shards would be longer than the manifest says.
    await truncate(path.join(dir, 'group1-shard5of5.bin'), 48);
    await expectError(dir, 'missing-weight', "layer 'fc' (Dense)", "weight 'bias'");
  });

  it('lists every unsupported layer and setting with the layer using it', async () => {
    const dir = await savedTinyModel('tanh', (x) => tfl.layers.leakyReLU({ name: 'leaky' }).apply(x) as tfl.SymbolicTensor);
    const error = await importError(dir);
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('2 unsupported layer(s)');
    expect(error.message).toContain("layer 'conv' (Conv2D) uses activation 'tanh'");
    expect(error.message).toContain("layer 'leaky' (LeakyReLU) has no equivalent");
  });

  it('lists every unsupported op of a graph model with the op using it', async () => {
    const dir = path.join(root, 'graph-unsupported');
    const model = tinyGraphModel();
    model.nodes = model.nodes.map((n) => (n.name === 'a/Relu' ? { ...n, op: 'Relu6' } : n.name === 'c/Relu' ? { ...n, op: 'Tanh' } : n));
    await writeGraphModel(dir, model);
    await expectError(dir, 'unsupported', '2 unsupported op(s)', "op 'a/Relu' (Relu6)", "op 'c/Relu' (Tanh)");
  });

  it('rejects zero padding read by a layer that cannot absorb it', async () => {
    const dir = await savedTinyModel('relu', (x) => {
      const padded = tfl.layers.zeroPadding2d({ name: 'pad', padding: 1 }).apply(x) as tfl.SymbolicTensor;
      return tfl.layers.batchNormalization({ name: 'bn' }).apply(padded) as tfl.SymbolicTensor;
    });
    await expectError(dir, 'unsupported', "layer 'bn' (BatchNormalization) reads a ZeroPadding2D output");
  });

  it('rejects a layer whose kernel does not match its declared kernel size', async () => {
    const dir = await savedTinyModel();
    await editJson(dir, (json) => {
      json.modelTopology.config.layers[1].config.kernel_size = [5, 5];
    });
    await expectError(dir, 'shape-mismatch', "layer 'conv' (Conv2D)", 'kernel 5x5', '[3,3,2,4]');
  });

  it('rejects a graph model concat of maps of different sizes, naming the op', async () => {
    const dir = path.join(root, 'graph-shapes');
    const model = tinyGraphModel();
    model.nodes = model.nodes.map((n) => (n.name === 'a/Conv2D' ? conv2d('a/Conv2D', ['x', 'a/kernel'], 2) : n));
    await writeGraphModel(dir, model);
    await expectError(dir, 'shape-mismatch', "op 'concat' (ConcatV2)", '[4,4,4], [8,8,4]');
  });

  it('rejects a constant bias added to a tensor other ops also read', async () => {
    const dir = path.join(root, 'graph-bias');
    const model = tinyGraphModel();
    // The 1x1 branch now reads the 3x3 conv's raw output, which also feeds a/BiasAdd.
    model.weights = model.weights.map((w) => (w.name === 'b/kernel' ? { ...w, shape: [1, 1, 4, 4], values: new Float32Array(16).fill(0.1) } : w));
    model.nodes = model.nodes.map((n) => (n.name === 'b/Relu' ? { ...n, input: ['a/Conv2D', 'b/kernel', 'b/bias'] } : n));
    await writeGraphModel(dir, model);
    await expectError(dir, 'unsupported', "op 'a/BiasAdd' (BiasAdd)", "'a/Conv2D', which other ops also read");
  });
});
