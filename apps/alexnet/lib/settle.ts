/** A promise's outcome as a value. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * `promise` as a promise that never rejects. A page starts its queries together (so the worker's queue gets the
 * quick jobs first) and hands them to sections that await them later: a rejection must not go unhandled meanwhile.
 */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}
