import { inflateSync } from 'node:zlib';
import { colorIndex, modelId, smallAlexnetGraph, type Graph, type HwcImage } from '@branchscope/core';
import {
  featureImageKey,
  RENDER_FEATURES_JOB,
  renderFeaturesInput,
  weightImageKey,
  WEIGHT_IMAGES_JOB,
  type FeatureImageMeta,
  type JobInput,
  type JobQueue,
  type KindOf,
  type WeightImageMeta,
} from '@branchscope/jobs';
import { initBackend } from '@branchscope/runtime';
import { getArtifact, getModel, modelDigest, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHandlerQueue, type HandlerQueue } from './testing/handler-queue';

/** Small AlexNet with a 4-channel input (say RGB plus depth): conv1's filters are 5 x 5 x 4. */
const base = smallAlexnetGraph({ branches: 2 });
const graph: Graph = {
  ...base,
  name: 'Small AlexNet, 4-channel input',
  inputShape: [4, 32, 32],
  nodes: base.nodes.map((node) => (node.op === 'input' ? { ...node, channels: 4 } : node)),
};

/** The chunk types of a PNG and its pixels in [0, 1] (this project's PNGs: 8-bit, filter 0 on every row). */
function readPng(bytes: Uint8Array): { types: string[]; colorType: number; image: HwcImage } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  const idat: Uint8Array[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    types.push(type);
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const [width, height, colorType] = [view.getUint32(16), view.getUint32(20), bytes[25]!];
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType]!;
  const raw = inflateSync(Buffer.concat(idat));
  const data = new Float32Array(height * width * channels);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * channels + 1)]).toBe(0);
    for (let i = 0; i < width * channels; i++) data[y * width * channels + i] = raw[y * (width * channels + 1) + 1 + i]! / 255;
  }
  return { types, colorType, image: { data, height, width, channels } };
}

describe('a model with a 4-channel input: weight and feature images', () => {
  let store: Store;
  let queue: JobQueue;
  let digest: string;
  let fixture: HandlerQueue | undefined;
  beforeAll(async () => {
    await initBackend(['wasm'], { log: () => {}, env: {} });
    fixture = await openHandlerQueue([{ id: modelId('four'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }], { backend: 'wasm', engine: { engine: 'ort', reason: 'the test asks for it' } });
    ({ store, queue } = fixture);
    digest = modelDigest((await getModel(store, 'four'))!);
  });
  afterAll(() => fixture?.close());

  const run = async <K extends KindOf>(kind: K, input: JobInput<K>) => queue.waitFor((await queue.enqueue(kind, input)).id);

  it('draws each filter as RGB from channels 0-2, no alpha, with the colour index of what is drawn', async () => {
    expect((await run(WEIGHT_IMAGES_JOB, { modelId: 'four', layer: 'conv1' })).status).toBe('SUCCEEDED');
    for (const unit of [0, 1, 2, 31]) {
      const artifact = (await getArtifact<WeightImageMeta>(store, weightImageKey(digest, 'conv1', unit)))!;
      const png = readPng(artifact.bytes);
      expect(png.colorType).toBe(2);
      expect(png.types).not.toContain('tRNS');
      expect([png.image.height, png.image.width, png.image.channels]).toEqual([5, 5, 3]);
      expect(artifact.meta).toMatchObject({ height: 5, width: 5, channels: 4, channelsShown: '0-2 of 4' });
      // The PNG is an affine map of the weights (up to 8-bit rounding), so the index measured on it agrees.
      expect(Math.abs(colorIndex(png.image) - artifact.meta.descriptor.colorIndex)).toBeLessThan(0.02);
    }
  });

  it('renders feature images as RGB from channels 0-2, no alpha, with the colour index of what is drawn', async () => {
    const input = renderFeaturesInput(graph, { modelId: 'four', layer: 'conv2', units: [0, 1], steps: 6, size: 32 }, 'ort+wasm');
    expect((await run(RENDER_FEATURES_JOB, input)).status).toBe('SUCCEEDED');
    for (const unit of [0, 1]) {
      const key = featureImageKey({ modelDigest: digest, layer: 'conv2', unit, steps: 6, size: 32, seed: 0, backend: 'ort+wasm', channels: 4 });
      const artifact = (await getArtifact<FeatureImageMeta>(store, key))!;
      const png = readPng(artifact.bytes);
      expect(png.colorType).toBe(2);
      expect(png.types).not.toContain('tRNS');
      expect(artifact.meta).toMatchObject({ height: 32, width: 32, channels: 4, channelsShown: '0-2 of 4' });
      expect(Math.abs(colorIndex(png.image) - artifact.meta.descriptor.colorIndex)).toBeLessThan(0.02);
    }
  });
});
