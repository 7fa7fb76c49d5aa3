import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { smallAlexnetGraph } from '@branchscope/core';
import { afterAll, describe, expect, it } from 'vitest';
import { uniformStream } from '@branchscope/runtime';
import { OnnxImportError } from './onnx-import-error';
import { readOnnx } from './read-onnx';
import { readOnnxFile } from './read-onnx-file';
import { smallBranchedModel } from './testing/small-models.test-support';
import { caffe2Twin } from './testing/zoo-twins.test-support';

const dir = mkdtempSync(path.join(tmpdir(), 'read-onnx-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
const written = (bytes: Uint8Array): string => {
  const file = path.join(dir, `model${count++}.onnx`);
  writeFileSync(file, bytes);
  return file;
};
/** The small AlexNet as the ONNX zoo writes it: its dense layers' initializers are large enough to be streamed. */
const alexnet = caffe2Twin(smallAlexnetGraph({ branches: 2 }), { size: 32, seed: 3, opset: 9 }).bytes;

/** What an import reads either way fails with: code and message, or 'ok'. */
const outcome = async (read: () => unknown): Promise<string> => {
  try {
    await read();
    return 'ok';
  } catch (error) {
    if (error instanceof OnnxImportError) return error.code;
    throw error;
  }
};

describe('readOnnxFile', () => {
  it('reads the same model as readOnnx, with the file hash, streaming large initializers into arrays of their own', async () => {
    const file = written(alexnet);
    const { model, sha256, bytes } = await readOnnxFile(file);
    const expected = readOnnx(alexnet);
    expect(sha256).toBe(createHash('sha256').update(alexnet).digest('hex'));
    expect(bytes).toBe(alexnet.byteLength);
    expect(model.nodes.map((n) => n.label)).toEqual(expected.nodes.map((n) => n.label));
    expect([...model.info.keys()]).toEqual([...expected.info.keys()]);
    expect([...model.initializers.keys()]).toEqual([...expected.initializers.keys()]);
    for (const [name, tensor] of expected.initializers) {
      const read = model.initializers.get(name)!;
      expect(read.dims, name).toEqual(tensor.dims);
      expect(Buffer.from(read.data.buffer, read.data.byteOffset, read.data.byteLength).equals(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength)), name).toBe(true);
    }
    // The largest initializer was read straight from the file into an array of its own, not copied out of the file.
    const largest = [...model.initializers.values()].sort((a, b) => b.data.byteLength - a.data.byteLength)[0]!;
    expect(largest.data.byteLength).toBeGreaterThan(64 * 1024);
    expect(largest.data.buffer.byteLength).toBe(largest.data.byteLength);
  });

  it('reads a model whose initializers are all small (kept in the skeleton) like readOnnx', async () => {
    const bytes = smallBranchedModel().encode();
    const { model } = await readOnnxFile(written(bytes));
    expect(Array.from(model.initializers.get('wfc')!.data as Float32Array)).toEqual(Array.from(readOnnx(bytes).initializers.get('wfc')!.data as Float32Array));
  });

  it('refuses an empty file and one that is not ONNX as NOT_ONNX, and a cut one as TRUNCATED', async () => {
    await expect(readOnnxFile(written(new Uint8Array()))).rejects.toThrow('the file is empty (0 bytes)');
    await expect(readOnnxFile(written(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])))).rejects.toMatchObject({ code: 'NOT_ONNX' });
    const cut = alexnet.subarray(0, Math.floor(alexnet.byteLength * 0.6));
    await expect(readOnnxFile(written(cut))).rejects.toMatchObject({ code: 'TRUNCATED', message: expect.stringContaining(`(${cut.byteLength} bytes)`) });
  });

  it('refuses an initializer over the size limit before reading it, naming the limit and the file size', async () => {
    const file = written(alexnet);
    const error = await readOnnxFile(file, { limits: { maxTensorBytes: 100_000 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TOO_LARGE' });
    expect((error as Error).message).toMatch(/^initializer #\d+ holds .* of raw data, over the 97\.66 KiB limit per tensor \(the file is 1\.\d+ MiB\)$/);
    await expect(readOnnxFile(file, { limits: { maxTotalBytes: 200_000 } })).rejects.toThrow(/the initializers exceed the 195\.31 KiB limit at initializer #\d+, which holds/);
  });

  it('fails the way readOnnx does on files cut anywhere', async () => {
    const next = uniformStream('read-onnx-file cuts');
    for (let i = 0; i < 40; i++) {
      const cut = alexnet.slice(0, Math.floor(next() * alexnet.byteLength));
      const file = written(cut);
      expect(await outcome(() => readOnnxFile(file)), `cut at ${cut.byteLength}`).toBe(await outcome(() => readOnnx(cut)));
    }
  });
});
