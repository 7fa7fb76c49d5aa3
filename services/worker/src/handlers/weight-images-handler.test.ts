import { alexnetGraph, modelId } from '@branchscope/core';
import { weightImageKey, WEIGHT_IMAGES_JOB, type JobQueue, type WeightImageMeta } from '@branchscope/jobs';
import { findArtifacts, getArtifact, getModel, modelDigest, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHandlerQueue, type HandlerQueue } from './testing/handler-queue';

describe('weight-images handler', () => {
  let store: Store;
  let queue: JobQueue;
  let digest: string;
  let fixture: HandlerQueue | undefined;
  beforeAll(async () => {
    const graph = alexnetGraph();
    fixture = await openHandlerQueue([{ id: modelId('alexnet'), name: graph.name, family: 'alexnet', graph, weights: { kind: 'seeded', seed: 1 } }]);
    ({ store, queue } = fixture);
    digest = modelDigest((await getModel(store, 'alexnet'))!);
  });
  afterAll(() => fixture?.close());

  const run = async (layer: string) => queue.waitFor((await queue.enqueue(WEIGHT_IMAGES_JOB, { modelId: 'alexnet', layer })).id);

  it('stores all 96 conv1 filters as 11 x 11 RGB PNGs with descriptors from the weights', async () => {
    expect((await run('conv1')).status).toBe('SUCCEEDED');
    const keys = Array.from({ length: 96 }, (_, unit) => weightImageKey(digest, 'conv1', unit));
    expect((await findArtifacts(store, keys)).size).toBe(96);
    const first = await getArtifact<WeightImageMeta>(store, keys[0]!);
    // IHDR: width and height at bytes 16..23, bit depth 8, colour type 2 (RGB).
    const view = new DataView(first!.bytes.buffer, first!.bytes.byteOffset);
    expect([view.getUint32(16), view.getUint32(20), first!.bytes[24], first!.bytes[25]]).toEqual([11, 11, 8, 2]);
    expect(first!.meta).toMatchObject({ layer: 'conv1', unit: 0, height: 11, width: 11, channels: 3 });
    expect(first!.meta.descriptor.frequency).toBeGreaterThan(0);
  });

  it('fails naming a layer that is not a first conv', async () => {
    const job = await run('conv2');
    expect(job.error).toBe("model 'alexnet': layer 'conv2' is not a first conv layer (a conv fed by the input), so its filters are not images");
  });
});
