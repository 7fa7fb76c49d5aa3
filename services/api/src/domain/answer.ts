import type { JobView } from './jobs';

/**
 * What an expensive field answers at once (the schema's `*Answer` types): `result` when the store has it, otherwise
 * null and `job`, the job computing it (follow it with `jobProgress`, then ask again). Never both null.
 */
export interface Answer<T> {
  result: T | null;
  job: JobView | null;
}

/** An answer whose result is stored. */
export const answered = <T>(result: T): Answer<T> => ({ result, job: null });

/** An answer still being computed by `job`. */
export const pending = <T>(job: JobView): Answer<T> => ({ result: null, job });

/** The same answer with its result transformed (the job, if any, unchanged). */
export const mapAnswer = <T, U>(answer: Answer<T>, map: (result: T) => U): Answer<U> =>
  answer.result === null ? { result: null, job: answer.job } : { result: map(answer.result), job: null };
