import { createHash } from 'node:crypto';

/** The content hash that names a stored result. Branded so it is never confused with a job or model id. */
export type ResultKey = string & { readonly __brand: 'ResultKey' };

/**
 * SHA-256 (hex) of the kind, the model id and the parameters, with object keys sorted so that
 * `{a, b}` and `{b, a}` name the same result.
 */
export function contentKey(kind: string, modelId: string, params: unknown): ResultKey {
  const text = canonicalJson([kind, modelId, params]);
  return createHash('sha256').update(text).digest('hex') as ResultKey;
}

/** JSON with object keys sorted at every depth, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
