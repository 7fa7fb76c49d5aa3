import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestModelSource } from './model-source-digest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'source-digest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tfjsFolder(name: string, shard: Uint8Array): string {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'model.json'), JSON.stringify({ format: 'layers-model', weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }] }));
  writeFileSync(path.join(folder, 'group1-shard1of1.bin'), shard);
  return folder;
}

describe('digestModelSource', () => {
  it('hashes an ONNX file to the sha256 of its bytes', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 251);
    const file = path.join(dir, 'net.onnx');
    writeFileSync(file, bytes);
    const digest = await digestModelSource('onnx', file);
    expect(digest).toEqual({ path: file, fileName: 'net.onnx', bytes: 70_000, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('names a missing ONNX file', async () => {
    await expect(digestModelSource('onnx', path.join(dir, 'gone.onnx'))).rejects.toThrow(`no ONNX file at '${path.join(dir, 'gone.onnx')}'`);
  });

  it('refuses a folder for an ONNX import, naming it', async () => {
    await expect(digestModelSource('onnx', dir)).rejects.toThrow(`'${dir}' is not a file; an ONNX import reads one .onnx file`);
  });

  it('names a TensorFlow SavedModel folder and the command that converts it, for an ONNX or a TF.js import', async () => {
    const saved = path.join(dir, 'exported');
    mkdirSync(path.join(saved, 'variables'), { recursive: true });
    writeFileSync(path.join(saved, 'saved_model.pb'), new Uint8Array([8, 1]));
    for (const format of ['onnx', 'tfjs'] as const) {
      await expect(digestModelSource(format, saved)).rejects.toThrow(
        `'${saved}' is a TensorFlow SavedModel (a folder with saved_model.pb) (found: a folder with saved_model.pb), which branchscope cannot import yet; ` +
          'convert it to a TF.js folder and import that folder with format TFJS:\n  tensorflowjs_converter --input_format=tf_saved_model',
      );
    }
  });

  it('says a TF.js folder given for an ONNX import is imported with format TFJS', async () => {
    const folder = tfjsFolder('tfjs', new Uint8Array([1]));
    await expect(digestModelSource('onnx', folder)).rejects.toThrow(`'${folder}' is a TF.js model folder (model.json); import it with format TFJS`);
  });

  it('counts model.json and its shards for a TF.js folder, and a changed shard changes the digest', async () => {
    const a = await digestModelSource('tfjs', tfjsFolder('a', new Uint8Array([1, 2, 3, 4])));
    const b = await digestModelSource('tfjs', tfjsFolder('b', new Uint8Array([1, 2, 3, 5])));
    expect(a.fileName).toBe('a');
    expect(a.bytes).toBeGreaterThan(4);
    expect(a.sha256).not.toBe(b.sha256);
  });

  it('gives the same digest for the same TF.js files in another folder, and accepts the path of model.json', async () => {
    const a = await digestModelSource('tfjs', tfjsFolder('a', new Uint8Array([9, 9])));
    const b = await digestModelSource('tfjs', path.join(tfjsFolder('b', new Uint8Array([9, 9])), 'model.json'));
    expect(b.sha256).toBe(a.sha256);
    expect(b.path).toBe(path.join(dir, 'b'));
  });

  it('names the missing model.json of a TF.js folder', async () => {
    await expect(digestModelSource('tfjs', dir)).rejects.toThrow(`cannot read '${path.join(dir, 'model.json')}' (a TF.js folder needs one): ENOENT`);
  });
});
