/** Shown while the page reads the model catalogue; each section then streams in on its own. */
export default function Loading() {
  return <p className="loading">Loading the AlexNet view…</p>;
}
