import { inflateSync } from 'node:zlib';
import type { WeightImage } from '@branchscope/client';
import { smallBranchedOnnx } from '@branchscope/model-import/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_JOB_FIELDS, answerOf } from '../support/follow-answer';
import { queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { fetchArtifact, pngHeader } from './feature-image-queries';
import { importAndWait } from './import-queries';

/** Colour index as core defines it, on 3-channel pixels: chroma energy over energy about the mean. */
function colorIndexOf(rgb: Float64Array): number {
  const mean = rgb.reduce((sum, v) => sum + v, 0) / rgb.length;
  let [chroma, total] = [0, 0];
  for (let p = 0; p < rgb.length; p += 3) {
    const grey = (rgb[p]! + rgb[p + 1]! + rgb[p + 2]!) / 3;
    for (let c = 0; c < 3; c++) {
      chroma += (rgb[p + c]! - grey) ** 2;
      total += (rgb[p + c]! - mean) ** 2;
    }
  }
  return total > 0 ? chroma / total : 0;
}

/** The chunk types of one of this project's PNGs, and its pixels in [0, 1] (8-bit, filter 0 on every row). */
function readPng(bytes: Uint8Array): { types: string[]; pixels: Float64Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { width, height, colorType } = pngHeader(bytes);
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType]!;
  const types: string[] = [];
  const idat: Uint8Array[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at);
    types.push(String.fromCharCode(...bytes.subarray(at + 4, at + 8)));
    if (types.at(-1) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const row = width * channels;
  const pixels = Float64Array.from({ length: height * row }, (_, i) => raw[Math.floor(i / row) * (row + 1) + 1 + (i % row)]! / 255);
  return { types, pixels };
}

// smallBranchedOnnx: input [4, 9, 9] (RGB plus a 4th channel), conv1 grouped in 2 (filters of 2 channels each).
describe('API: images of a model with a 4-channel input say which channels they show and never use alpha', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let modelId: string;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
    const job = await importAndWait(api.url, { name: 'four channels', format: 'ONNX', base64: Buffer.from(smallBranchedOnnx()).toString('base64') });
    expect(job).toMatchObject({ status: 'SUCCEEDED' });
    modelId = job.model!.id;
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it("draws conv1's 2-channel filters as two grey panels, colour index 0", async () => {
    const weightImages = await answerOf<Pick<WeightImage, 'unit' | 'url' | 'width' | 'channels' | 'channelsShown' | 'colorIndex'>[]>(
      api.url,
      `query ($modelId: ID!) { weightImages(modelId: $modelId, layer: "conv1") { result { unit url width channels channelsShown colorIndex } ${ANSWER_JOB_FIELDS} } }`,
      'weightImages',
      { modelId },
    );
    expect(weightImages).toHaveLength(8);
    for (const image of weightImages) {
      expect(image).toMatchObject({ width: 3, channels: 2, channelsShown: '0 and 1 of 2, grey side by side', colorIndex: 0 });
      const png = await fetchArtifact(api.origin, image.url);
      expect(pngHeader(png.bytes)).toMatchObject({ width: 7, height: 3, colorType: 0 });
    }
  });

  it('renders feature images from channels 0-2 as RGB, without alpha, their colour index that of the PNG', async () => {
    const featureImages = await answerOf<{ unit: number; url: string; channelsShown: string; descriptor: { colorIndex: number } }[]>(
      api.url,
      `query ($modelId: ID!) { featureImages(modelId: $modelId, layer: "mix/3x3", units: [0, 1, 2], steps: 8, size: 16) { result { unit url channelsShown descriptor { colorIndex } } ${ANSWER_JOB_FIELDS} } }`,
      'featureImages',
      { modelId },
    );
    for (const image of featureImages) {
      expect(image.channelsShown).toBe('0-2 of 4');
      const { bytes } = await fetchArtifact(api.origin, image.url);
      expect(pngHeader(bytes)).toMatchObject({ width: 16, height: 16, bitDepth: 8, colorType: 2 });
      const png = readPng(bytes);
      expect(png.types).not.toContain('tRNS');
      expect(Math.abs(colorIndexOf(png.pixels) - image.descriptor.colorIndex)).toBeLessThan(0.02);
    }
  });
});
