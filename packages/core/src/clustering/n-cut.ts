import type { Matrix } from '../linalg/matrix';
import { layeredGraph, type LayeredGraph } from './layered-graph';

/** n-cut of a partition of an already indexed graph; see {@link nCut}. */
export function nCutOf(graph: LayeredGraph, labels: ArrayLike<number>): number {
  if (labels.length !== graph.nodes) {
    throw new RangeError(`nCut: ${labels.length} labels for a graph of ${graph.nodes} nodes`);
  }
  const cut = new Map<number, number>();
  const volume = new Map<number, number>();
  for (let u = 0; u < graph.nodes; u++) {
    const label = labels[u]!;
    volume.set(label, (volume.get(label) ?? 0) + graph.degrees[u]!);
    if (!cut.has(label)) cut.set(label, 0);
  }
  graph.matrices.forEach((m, l) => {
    const [from, to] = [graph.offsets[l]!, graph.offsets[l + 1]!];
    for (let i = 0; i < m.rows; i++) {
      const a = labels[from + i]!;
      for (let j = 0; j < m.cols; j++) {
        const b = labels[to + j]!;
        if (a === b) continue;
        const w = m.data[i * m.cols + j]!;
        cut.set(a, cut.get(a)! + w);
        cut.set(b, cut.get(b)! + w);
      }
    }
  });
  let total = 0;
  // A cluster without weight has nothing to cut; counting it as 0 keeps dead units from dominating.
  for (const [label, vol] of volume) if (vol > 0) total += cut.get(label)! / vol;
  return total;
}

/**
 * Normalised cut of a partition of the layered graph of `matrices` (see `layeredGraph`): the sum over clusters X of
 * cut(X, rest) / vol(X), where vol(X) is the total weighted degree of X. 0 for perfectly separate clusters, up to
 * the number of clusters; lower means more modular.
 * @param labels cluster of every node, layer by layer.
 * @throws RangeError when the label count differs from the node count, or on a malformed matrix stack.
 */
export function nCut(matrices: readonly Matrix[], labels: ArrayLike<number>): number {
  return nCutOf(layeredGraph(matrices), labels);
}
