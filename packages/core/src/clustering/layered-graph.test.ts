import { describe, expect, it } from 'vitest';
import { fromRows } from '../linalg/matrix';
import { layeredGraph, multiplyAdjacency } from './layered-graph';

const matrices = [fromRows([[1, 0.5], [0, 2]]), fromRows([[3, 0, 1], [0, 0, 4]])];

describe('layeredGraph', () => {
  it('numbers nodes layer by layer and sums each node weighted degree', () => {
    const graph = layeredGraph(matrices);
    expect(graph.layerSizes).toEqual([2, 2, 3]);
    expect(graph.offsets).toEqual([0, 2, 4]);
    expect(Array.from(graph.degrees)).toEqual([1.5, 2, 1 + 3 + 1, 0.5 + 2 + 4, 3, 0, 5]);
  });

  it('multiplies by the symmetric adjacency', () => {
    const graph = layeredGraph(matrices);
    const y = new Float64Array(7);
    multiplyAdjacency(graph, Float64Array.from([1, 2, 3, 4, 5, 6, 7]), y);
    // node 2 (layer 1, unit 0) links to node 0 (1), node 4 (3), node 6 (1)
    expect(Array.from(y)).toEqual([1 * 3 + 0.5 * 4, 2 * 4, 1 * 1 + 3 * 5 + 1 * 7, 0.5 * 1 + 2 * 2 + 4 * 7, 3 * 3, 0, 1 * 3 + 4 * 4]);
  });

  it('rejects matrices whose shapes do not chain, naming both', () => {
    expect(() => layeredGraph([fromRows([[1, 2]]), fromRows([[1], [2], [3]])])).toThrow(/matrix 1 has 3 rows but matrix 0 has 2 columns/);
  });

  it('rejects a negative weight, naming matrix and entry', () => {
    expect(() => layeredGraph([fromRows([[1, 2], [-1, 0]])])).toThrow(/matrix 0 entry \(1, 0\) is -1/);
  });
});
