import { createHash } from 'node:crypto';
import { canonicalJson } from './content-key';
import type { ModelRecord } from './models';

/** The content hash of a model: what its results depend on. Branded so it is never confused with a model id. */
export type ModelDigest = string & { readonly __brand: 'ModelDigest' };

/**
 * SHA-256 (hex) of the model's graph and weights descriptor as canonical JSON. Two records with the same graph and
 * weights share a digest whatever their ids; re-registering a model under its id with another graph changes it.
 * A descriptor that points at a file (an import, a checkpoint) is hashed as written, so it should name the file's
 * content (a hash) rather than only its path.
 */
export function modelDigest(model: Pick<ModelRecord, 'graph' | 'weights'>): ModelDigest {
  return createHash('sha256').update(canonicalJson({ graph: model.graph, weights: model.weights })).digest('hex') as ModelDigest;
}
