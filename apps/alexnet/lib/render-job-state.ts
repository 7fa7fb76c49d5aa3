import type { Job, JobStatus } from '@branchscope/client';

/** What a placeholder says about the render a page is waiting for. */
export interface RenderJobState {
  jobId: string;
  status: JobStatus;
  /** 0 to 1. */
  progress: number;
}

export interface RenderRequest {
  modelId: string;
  layer: string;
  units: number[];
}

interface RenderInput {
  modelId?: unknown;
  layer?: unknown;
  units?: unknown;
}

/**
 * The `render-features` job among `jobs` that renders some of `request`'s units, preferring a running one over a
 * queued one, or null when there is none (not enqueued yet, or finished). A job renders only the units not stored
 * yet, so any overlap counts.
 */
export function renderJobState(jobs: Job[], request: RenderRequest): RenderJobState | null {
  const wanted = new Set(request.units);
  const matching = jobs.filter((job) => {
    if (job.kind !== 'render-features' || (job.status !== 'RUNNING' && job.status !== 'QUEUED')) return false;
    const input = parseInput(job.input);
    return (
      input?.modelId === request.modelId &&
      input.layer === request.layer &&
      Array.isArray(input.units) &&
      input.units.some((unit) => wanted.has(unit as number))
    );
  });
  const job = matching.find((j) => j.status === 'RUNNING') ?? matching[0];
  return job ? { jobId: job.id, status: job.status, progress: job.progress } : null;
}

function parseInput(text: string): RenderInput | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as RenderInput) : null;
  } catch {
    return null;
  }
}
