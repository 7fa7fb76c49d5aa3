/** Shown while the worker computes the factors (the first request for a layer pair waits on a job). */
export default function Loading() {
  return <p className="loading">Computing the factors of |W(conv1 → conv2)|…</p>;
}
