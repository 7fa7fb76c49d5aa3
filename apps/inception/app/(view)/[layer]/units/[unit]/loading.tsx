/** Shown while a worker renders the unit (the first time: stored images answer at once). */
export default function Loading() {
  return <p className="loading">Rendering the feature visualization; on a CPU this takes a while…</p>;
}
