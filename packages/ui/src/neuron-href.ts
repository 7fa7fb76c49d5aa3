/**
 * The path of a unit's neuron page at the portal's origin: `/neurons/<model>/<layer>/<unit>`, each part
 * URL-encoded. The one place every view builds its unit links from, so they all open the same page.
 *
 * @throws Error naming the unit when it is not a non-negative integer.
 */
export function neuronHref(modelId: string, layer: string, unit: number): string {
  if (!Number.isInteger(unit) || unit < 0) throw new Error(`neuronHref: unit must be a non-negative integer, got ${unit}`);
  return `/neurons/${encodeURIComponent(modelId)}/${encodeURIComponent(layer)}/${unit}`;
}
