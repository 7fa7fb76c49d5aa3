import type { Job } from '@branchscope/client';
import { describe, expect, it } from 'vitest';
import { renderJobState } from './render-job-state';

function job(id: string, status: Job['status'], input: object, kind = 'render-features'): Job {
  return { id, kind, input: JSON.stringify(input), status, progress: status === 'RUNNING' ? 0.4 : 0, error: null, createdAt: '', finishedAt: null };
}

const request = { modelId: 'alexnet', layer: 'conv2', units: [0, 1, 128, 129] };
const input = { modelId: 'alexnet', layer: 'conv2', units: [1, 129] };

describe('renderJobState', () => {
  it('finds the running render of some of the units with its progress', () => {
    expect(renderJobState([job('j1', 'RUNNING', input)], request)).toEqual({ jobId: 'j1', status: 'RUNNING', progress: 0.4 });
  });

  it('prefers a running job over a queued one', () => {
    expect(renderJobState([job('q', 'QUEUED', input), job('r', 'RUNNING', input)], request)?.jobId).toBe('r');
  });

  it("ignores other models' and other layers' renders", () => {
    const jobs = [job('a', 'RUNNING', { ...input, modelId: 'small-alexnet-2b' }), job('b', 'RUNNING', { ...input, layer: 'conv4' })];
    expect(renderJobState(jobs, request)).toBeNull();
  });

  it('ignores renders of other units, finished jobs and other kinds', () => {
    const jobs = [
      job('a', 'RUNNING', { ...input, units: [2, 3] }),
      job('b', 'SUCCEEDED', input),
      job('c', 'RUNNING', input, 'svd-factors'),
    ];
    expect(renderJobState(jobs, request)).toBeNull();
  });

  it('skips a job whose input is not JSON', () => {
    expect(renderJobState([{ ...job('a', 'RUNNING', input), input: '{oops' }], request)).toBeNull();
  });
});
