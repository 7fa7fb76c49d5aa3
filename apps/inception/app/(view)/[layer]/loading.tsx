/** Shown while the page's label set and enrichment load from the API. */
export default function Loading() {
  return <p className="loading">Loading the layer, its labels and their enrichment…</p>;
}
