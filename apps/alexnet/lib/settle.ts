import type { Answer, JobState } from '@branchscope/client';

/**
 * A query's outcome as a value: its result, its error, or (for a result a worker computes) the job computing it,
 * which the page follows live (`JobWait`) and re-renders for once it has succeeded.
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown } | { ok: 'pending'; job: JobState };

/**
 * `promise` as a promise that never rejects. A page starts its queries together and hands them to sections that
 * await them later: a rejection must not go unhandled meanwhile.
 */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** Like {@link settle}, for an expensive field's answer: its result, or `pending` with the job computing it. */
export function settleAnswer<T>(promise: Promise<Answer<T>>): Promise<Settled<T>> {
  return promise.then(
    (answer): Settled<T> => (answer.result !== null ? { ok: true, value: answer.result } : { ok: 'pending', job: answer.job! }),
    (error: unknown) => ({ ok: false, error }),
  );
}
