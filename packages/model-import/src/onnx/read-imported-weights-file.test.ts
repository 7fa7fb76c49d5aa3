import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importOnnx } from './import-onnx';
import { smallBranchedModel } from './testing/small-models.test-support';
import { readWeightsFile } from '@branchscope/runtime';
import { serializedWeights, serializeWeights } from '@branchscope/runtime';

const dir = mkdtempSync(path.join(tmpdir(), 'read-weights-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const imported = () => importOnnx(smallBranchedModel().encode());

describe('serializedWeights', () => {
  it('yields the blob of serializeWeights in pieces, the weight arrays themselves rather than copies', () => {
    const { graph, weights } = imported();
    const serialized = serializedWeights(graph, weights);
    const chunks = [...serialized.chunks()];
    expect(Buffer.concat(chunks).equals(Buffer.from(serializeWeights(graph, weights)))).toBe(true);
    expect(serialized.byteLength).toBe(Buffer.concat(chunks).byteLength);
    expect(chunks[1]!.buffer).toBe(weights.conv('conv1').data.buffer);
  });
});

describe('readWeightsFile', () => {
  it('reads a blob file back to the same values as deserializing it in memory', async () => {
    const { graph, weights } = imported();
    const file = path.join(dir, 'ok.bin');
    writeFileSync(file, serializeWeights(graph, weights));
    const back = await readWeightsFile(file);
    expect(Array.from(back.conv('conv1').data)).toEqual(Array.from(weights.conv('conv1').data));
    expect(back.batchnorm('res/bn')).toEqual(weights.batchnorm('res/bn'));
  });

  it('refuses a truncated file, naming it and the size it should have', async () => {
    const { graph, weights } = imported();
    const bytes = serializeWeights(graph, weights);
    const file = path.join(dir, 'short.bin');
    writeFileSync(file, bytes);
    truncateSync(file, bytes.length - 4);
    await expect(readWeightsFile(file, "model 'x' weights")).rejects.toThrow(`model 'x' weights: truncated: the index declares`);
    await expect(readWeightsFile(file)).rejects.toThrow(`weights file ${file}: truncated`);
  });

  it('names a file that is missing or is not a weights blob', async () => {
    await expect(readWeightsFile(path.join(dir, 'gone.bin'))).rejects.toThrow(`cannot open ${path.join(dir, 'gone.bin')} (ENOENT)`);
    writeFileSync(path.join(dir, 'text.bin'), 'hello');
    await expect(readWeightsFile(path.join(dir, 'text.bin'))).rejects.toThrow("not a branchscope weights blob (no 'BSWEIGHT' header in 5 bytes)");
  });
});
