/** Shown while the model's graph and blocks load from the API. */
export default function Loading() {
  return <p className="loading">Loading the model&apos;s residual blocks…</p>;
}
