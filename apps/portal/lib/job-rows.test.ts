import { describe, expect, it } from 'vitest';
import type { Job } from '@branchscope/client';
import { isActive, jobRow, unitRuns, withState } from './job-rows';

const job = (input: unknown, over: Partial<Job> = {}): Job => ({
  id: 'abcdef0123456789',
  kind: 'render-features',
  input,
  status: 'RUNNING',
  progress: 0.25,
  error: null,
  createdAt: '2026-12-03T12:00:00.000Z',
  startedAt: '2026-12-03T12:00:01.000Z',
  finishedAt: null,
  worker: 'host:1',
  ...over,
});

describe('jobRow', () => {
  it('reads the model and what else the input names', () => {
    const row = jobRow(job({ modelId: 'alexnet', layer: 'conv2', units: [3, 0, 1, 2, 7], steps: 64, size: 64 }));
    expect(row).toMatchObject({ model: 'alexnet', detail: 'layer conv2 · units 0-3, 7 · 64 steps · 64 px', status: 'RUNNING' });
  });

  it('names the layer pair of an SVD and the file of an import', () => {
    expect(jobRow(job({ modelId: 'alexnet', from: 'conv1', to: 'conv2', centered: false })).detail).toBe('conv1 → conv2');
    expect(jobRow(job({ modelId: 'my-net-1a2b', name: 'my net', fileName: 'net.onnx' })).detail).toBe('“my net” · net.onnx');
  });

  it('shows an input that is not an object as no detail, and no model', () => {
    expect(jobRow(job('not an object'))).toMatchObject({ model: null, detail: '' });
    expect(jobRow(job([1, 2]))).toMatchObject({ model: null, detail: '' });
  });
});

describe('withState and isActive', () => {
  it('takes the newer state, never lowering progress', () => {
    const row = jobRow(job({ modelId: 'alexnet' }));
    const cancelled = withState(row, { id: row.id, kind: row.kind, status: 'CANCELLED', progress: 0.1, error: 'cancelled', finishedAt: 'then' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', progress: 0.25, error: 'cancelled', finishedAt: 'then' });
    expect([isActive(row), isActive(cancelled)]).toEqual([true, false]);
  });
});

describe('unitRuns', () => {
  it('collapses consecutive units', () => {
    expect(unitRuns([5, 1, 2, 3, 9, 10])).toBe('1-3, 5, 9-10');
    expect(unitRuns([])).toBe('');
  });
});
