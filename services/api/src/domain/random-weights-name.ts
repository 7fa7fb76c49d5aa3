/**
 * The catalogue name of a built-in architecture registered with seeded random weights, saying so: a source in
 * parentheses becomes the topology's source (`AlexNet (BVLC)` → `AlexNet (BVLC topology, random weights)`),
 * other names get `(random weights)` (`ResNet-50 v1 (random weights)`).
 */
export function randomWeightsName(architectureName: string): string {
  const source = /^(.*) \(([^()]+)\)$/.exec(architectureName);
  return source ? `${source[1]} (${source[2]} topology, random weights)` : `${architectureName} (random weights)`;
}
