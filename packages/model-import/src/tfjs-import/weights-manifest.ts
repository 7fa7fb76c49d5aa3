import type * as tf from '@tensorflow/tfjs-core';
import { TfjsImportError } from './tfjs-import-error';

export type ManifestEntry = tf.io.WeightsManifestEntry;

/** One group of a weights manifest: its shard files, concatenated, hold its weights back to back. */
export interface ManifestGroup {
  paths: string[];
  weights: ManifestEntry[];
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bytes one manifest entry occupies in its group's shards (quantized weights take their stored width). */
export function entryBytes(entry: ManifestEntry, file: string): number {
  const stored = entry.quantization?.dtype ?? entry.dtype;
  const width = BYTES[stored];
  if (width === undefined) {
    throw new TfjsImportError('unsupported', `${file}: weight '${entry.name}' has dtype '${stored}'; only numeric weights can be imported`);
  }
  return entry.shape.reduce((a, b) => a * b, 1) * width;
}

/**
 * A shard path must stay inside the model's folder: model.json files come from elsewhere, and one naming
 * `../../etc/passwd` must not make the importer read it.
 */
function checkShardPath(path: string, file: string): void {
  if (path === '' || path.startsWith('/') || path.startsWith('\\') || /^[a-z]+:/i.test(path) || path.split(/[/\\]/).includes('..')) {
    throw new TfjsImportError('invalid-model-json', `${file}: weight file path '${path}' must be relative and stay inside the model folder`);
  }
}

/** Checks `weightsManifest` of a model.json and returns its groups; throws `invalid-model-json` naming the problem. */
export function parseManifest(value: unknown, file: string): ManifestGroup[] {
  const bad = (problem: string): never => {
    throw new TfjsImportError('invalid-model-json', `${file}: weightsManifest ${problem}`);
  };
  if (value === undefined) return [];
  if (!Array.isArray(value)) bad('must be an array of groups');
  return (value as unknown[]).map((group, g) => {
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      return bad(`group ${g} must have 'paths' and 'weights' arrays`);
    }
    const paths = group.paths.map((p) => (typeof p === 'string' ? p : bad(`group ${g} has a path that is not a string`)));
    paths.forEach((p) => checkShardPath(p, file));
    const weights = group.weights.map((w, i) => {
      const ok = isRecord(w) && typeof w.name === 'string' && typeof w.dtype === 'string' && Array.isArray(w.shape) && w.shape.every((d) => Number.isInteger(d) && d >= 0);
      return ok ? (w as unknown as ManifestEntry) : bad(`group ${g} weight ${i} needs a name, a dtype and a shape of non-negative integers`);
    });
    if (weights.length > 0 && paths.length === 0) bad(`group ${g} lists weights but no files`);
    return { paths, weights };
  });
}
