import type { FeatureVisualization, NeuronCell } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { withFeatureImages } from './cell-images';
import type { LayerColumn } from './layer-columns';

const fv = (status: FeatureVisualization['status'], url: string | null = null, jobId?: string): FeatureVisualization => ({
  status,
  url,
  job: jobId ? { id: jobId, kind: 'render-layer', status: 'RUNNING', progress: 0.5, error: null } : null,
  steps: 128,
  size: 128,
  seed: 0,
  backend: 'wasm',
});
const neuron = (unit: number, v: FeatureVisualization): NeuronCell => ({ id: `m/l/${unit}`, unit, block: null, branch: null, featureVisualization: v, labels: [] });
const column: LayerColumn = { index: 0, branch: 'b', title: 'B', start: 0, end: 4, labelled: 0, cells: [0, 1, 2, 3].map((unit) => ({ unit })) };

describe('withFeatureImages', () => {
  it('gives READY units their image, others a pending tile, and keeps the number of units it was not told about', () => {
    const { columns, status } = withFeatureImages([column], [neuron(0, fv('READY', '/artifacts/0.png')), neuron(1, fv('PENDING', null, 'j1')), neuron(2, fv('NOT_RENDERED'))]);
    expect(columns[0]!.cells.map((c) => c.image)).toEqual(['/artifacts/0.png', null, null, undefined]);
    expect(status.counts).toEqual({ READY: 1, PENDING: 1, FAILED: 0, NOT_RENDERED: 1 });
    expect(status.job?.id).toBe('j1');
  });
});
