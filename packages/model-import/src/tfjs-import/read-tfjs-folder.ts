import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { TfjsImportError } from './tfjs-import-error';
import { checkShardSizes } from './shard-sizes';
import { entryBytes, parseManifest, type ManifestGroup } from './weights-manifest';

/** One decoded weight: its shape as stored (HWIO for TF kernels) and its values as floats. */
export interface RawWeight {
  shape: number[];
  data: Float32Array;
}

export type TfjsFormat = 'layers-model' | 'graph-model';

/** A model folder's model.json and every weight of its manifest, decoded. */
export interface TfjsFolder {
  /** Path of model.json, for messages. */
  file: string;
  format: TfjsFormat;
  /** The parsed model.json. */
  json: Record<string, unknown>;
  weights: Map<string, RawWeight>;
}

async function readModelJson(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new TfjsImportError('missing-model-json', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new TfjsImportError('invalid-model-json', `${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new TfjsImportError('invalid-model-json', `${file} must hold a JSON object`);
  return json as Record<string, unknown>;
}

/** The declared format, or the one the topology's shape implies (older converters wrote no `format`). */
function formatOf(json: Record<string, unknown>, file: string): TfjsFormat {
  const topology = json.modelTopology as Record<string, unknown> | undefined;
  const format = json.format ?? (Array.isArray(topology?.node) ? 'graph-model' : topology ? 'layers-model' : undefined);
  if (format === 'layers-model' || format === 'graph-model') return format;
  throw new TfjsImportError('invalid-model-json', `${file}: format '${String(format)}' is neither 'layers-model' nor 'graph-model', or modelTopology is missing`);
}

async function readGroup(dir: string, group: ManifestGroup, g: number, file: string): Promise<ArrayBuffer> {
  const buffers = await Promise.all(
    group.paths.map(async (p) => {
      const shard = path.join(dir, p);
      try {
        return await readFile(shard);
      } catch (err) {
        throw new TfjsImportError('missing-shard', `cannot read weight file ${shard} (group ${g + 1} of ${file}): ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
    }),
  );
  const expected = group.weights.reduce((sum, w) => sum + entryBytes(w, file), 0);
  const sizes = buffers.map((b) => b.byteLength);
  checkShardSizes(dir, group, g, file, sizes, expected);
  const joined = new Uint8Array(expected);
  let offset = 0;
  for (const b of buffers) {
    joined.set(b, offset);
    offset += b.byteLength;
  }
  return joined.buffer;
}

/** Decodes with tfjs (dequantizing as it does), then copies to plain arrays so no tensor outlives the import. */
function decodeGroup(buffer: ArrayBuffer, group: ManifestGroup, into: Map<string, RawWeight>, file: string): void {
  const tensors = tf.io.decodeWeights(buffer, group.weights);
  try {
    for (const entry of group.weights) {
      if (into.has(entry.name)) throw new TfjsImportError('invalid-model-json', `${file}: weight '${entry.name}' is listed twice in weightsManifest`);
      const t = tensors[entry.name]!;
      into.set(entry.name, { shape: [...entry.shape], data: Float32Array.from(t.dataSync() as ArrayLike<number>) });
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/**
 * Reads `dir/model.json` and every weight file its manifest lists, checking each group's files hold exactly the
 * bytes its manifest entries need (neither fewer nor more) before decoding. Throws a {@link TfjsImportError} naming the file at fault.
 */
export async function readTfjsFolder(dir: string): Promise<TfjsFolder> {
  const file = path.join(dir, 'model.json');
  const json = await readModelJson(file);
  const format = formatOf(json, file);
  const groups = parseManifest(json.weightsManifest, file);
  const buffers = await Promise.all(groups.map((group, g) => readGroup(dir, group, g, file)));
  const weights = new Map<string, RawWeight>();
  groups.forEach((group, g) => decodeGroup(buffers[g]!, group, weights, file));
  return { file, format, json, weights };
}
