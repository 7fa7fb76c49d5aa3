/** Test support: writes TF.js model folders (model.json + group1-shard*of*.bin) without tfjs-node. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ManifestGroup } from './weights-manifest';

/** Splits `data` into files of at most `shardBytes` each, named as the converter names them. */
export async function writeShards(dir: string, weights: tf.io.WeightsManifestEntry[], data: Uint8Array, shardBytes: number): Promise<ManifestGroup> {
  await mkdir(dir, { recursive: true });
  const count = Math.max(1, Math.ceil(data.byteLength / shardBytes));
  const paths = Array.from({ length: count }, (_, i) => `group1-shard${i + 1}of${count}.bin`);
  await Promise.all(paths.map((p, i) => writeFile(path.join(dir, p), data.subarray(i * shardBytes, (i + 1) * shardBytes))));
  return { paths, weights };
}

export async function writeModelJson(dir: string, json: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'model.json'), JSON.stringify(json, null, 1));
}

const bytesOf = (data: tf.io.WeightData): Uint8Array => {
  const parts = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), offset);
    offset += p.byteLength;
  }
  return out;
};

/** Saves a tfjs-layers model to `dir` through a save handler of our own, its weights split into `shardBytes` files. */
export async function saveLayersModel(model: LayersModel, dir: string, shardBytes: number): Promise<void> {
  await model.save({
    save: async (artifacts) => {
      const group = await writeShards(dir, artifacts.weightSpecs ?? [], bytesOf(artifacts.weightData ?? new ArrayBuffer(0)), shardBytes);
      await writeModelJson(dir, { format: 'layers-model', generatedBy: artifacts.generatedBy, convertedBy: null, modelTopology: artifacts.modelTopology, weightsManifest: [group] });
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  });
}
