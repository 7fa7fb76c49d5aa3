import type { Matrix } from '../linalg/matrix';

/**
 * The undirected weighted graph of a stack of consecutive layers: every unit of every layer is a node (layer by
 * layer, in order), and entry (i, j) of `matrices[l]` (layer l's unit i to layer l + 1's unit j, as returned by
 * `layerPairMatrix`) is the weight of one edge.
 */
export interface LayeredGraph {
  matrices: readonly Matrix[];
  /** Units per layer: matrices.length + 1 entries. */
  layerSizes: number[];
  /** Index of each layer's first node. */
  offsets: number[];
  nodes: number;
  /** Weighted degree of every node. */
  degrees: Float64Array;
}

/**
 * Checks and indexes a stack of layer matrices.
 * @throws RangeError naming the matrix whose rows do not match the previous one's columns, or the first negative or
 *   non-finite entry (matrix, row, column).
 */
export function layeredGraph(matrices: readonly Matrix[]): LayeredGraph {
  if (matrices.length === 0) throw new RangeError('layeredGraph: needs at least one layer matrix');
  const layerSizes = [matrices[0]!.rows];
  matrices.forEach((m, l) => {
    if (m.rows !== layerSizes[l]) {
      throw new RangeError(`layeredGraph: matrix ${l} has ${m.rows} rows but matrix ${l - 1} has ${layerSizes[l]} columns`);
    }
    if (m.data.length !== m.rows * m.cols) {
      throw new RangeError(`layeredGraph: matrix ${l} holds ${m.data.length} values, not ${m.rows} x ${m.cols}`);
    }
    layerSizes.push(m.cols);
  });
  const offsets: number[] = [];
  let nodes = 0;
  for (const size of layerSizes) {
    offsets.push(nodes);
    nodes += size;
  }
  const degrees = new Float64Array(nodes);
  matrices.forEach((m, l) => {
    const [from, to] = [offsets[l]!, offsets[l + 1]!];
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const w = m.data[i * m.cols + j]!;
        if (!(w >= 0 && w < Infinity)) {
          throw new RangeError(`layeredGraph: matrix ${l} entry (${i}, ${j}) is ${w}; weights must be finite and >= 0 (use |W|)`);
        }
        degrees[from + i]! += w;
        degrees[to + j]! += w;
      }
    }
  });
  return { matrices, layerSizes, offsets, nodes, degrees };
}

/** y = A x for the graph's symmetric adjacency A. */
export function multiplyAdjacency(graph: LayeredGraph, x: Float64Array, y: Float64Array): void {
  y.fill(0);
  graph.matrices.forEach((m, l) => {
    const [from, to] = [graph.offsets[l]!, graph.offsets[l + 1]!];
    const cols = m.cols;
    for (let i = 0; i < m.rows; i++) {
      const row = i * cols;
      const xi = x[from + i]!;
      let sum = 0;
      for (let j = 0; j < cols; j++) {
        const w = m.data[row + j]!;
        sum += w * x[to + j]!;
        y[to + j]! += w * xi;
      }
      y[from + i]! += sum;
    }
  });
}
