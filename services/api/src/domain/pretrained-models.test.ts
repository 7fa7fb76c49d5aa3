import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRETRAINED_MODELS } from './pretrained-models';

/** The ONNX zoo table of docs/reference/model-zoo.md: path, sha256 and bytes of each row. */
function zooRows(): Array<{ path: string; sha256: string; bytes: number; notes: string }> {
  const doc = readFileSync(new URL('../../../../docs/reference/model-zoo.md', import.meta.url), 'utf8');
  return doc
    .split('\n')
    .filter((line) => /^\| .+ \| validated\//.test(line))
    .map((line) => {
      const [, , path, sha256, bytes, notes] = line.split('|').map((cell) => cell.trim());
      return { path: path!, sha256: sha256!, bytes: Number(bytes), notes: notes! };
    });
}

describe('the built-in catalogue', () => {
  it("copies every ONNX zoo row of docs/reference/model-zoo.md exactly: URL, sha256, size and notes", () => {
    const rows = zooRows();
    expect(rows).toHaveLength(5);
    const onnx = PRETRAINED_MODELS.filter((e) => e.format === 'onnx');
    expect(onnx.map((e) => [e.url, e.sha256, e.bytes, e.notes])).toEqual(rows.map((r) => [`https://github.com/onnx/models/raw/main/${r.path}`, r.sha256, r.bytes, r.notes]));
  });

  it('names each entry after its file, and keeps the file name', () => {
    expect(PRETRAINED_MODELS.map((e) => e.id)).toEqual(['bvlcalexnet-8', 'googlenet-7', 'inception-v1-8', 'resnet152-v1-7', 'resnet18-v2-7', 'lucid-inceptionv1']);
    for (const entry of PRETRAINED_MODELS) expect(entry.url.endsWith(`/${entry.fileName}`)).toBe(true);
  });

  it("lists Lucid's InceptionV1 as a GraphDef at the model zoo's URL with the range (-117, 138), without a digest it cannot know", () => {
    const lucid = PRETRAINED_MODELS.find((e) => e.id === 'lucid-inceptionv1')!;
    expect(lucid).toMatchObject({
      format: 'graphdef',
      url: 'https://storage.googleapis.com/modelzoo/vision/other_models/InceptionV1.pb',
      inputRange: [-117, 138],
      sha256: null,
      bytes: null,
    });
  });
});
