import type { Job, JobState } from '@branchscope/client';

/** What the jobs page shows of one job: the client's generated `Job` fields it prints, and what it reads from the input. */
export type JobRow = Pick<Job, 'id' | 'kind' | 'status' | 'progress' | 'error' | 'createdAt' | 'finishedAt' | 'worker'> & {
  /** The model the job works on, from its input (`modelId`), or null (an import names its file instead). */
  model: string | null;
  /** A few words on what else the input says: layer, units, file name, catalogue id. */
  detail: string;
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Units as `0-7, 12` (consecutive runs collapsed). */
export function unitRuns(units: readonly number[]): string {
  const sorted = [...units].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** The jobs page's row for a job, reading what it can from the job's input (never failing on odd input). */
export function jobRow(job: Job): JobRow {
  // An input that is not an object (the API's JSON scalar can carry any value) shows as no detail.
  const input: Record<string, unknown> = typeof job.input === 'object' && job.input !== null && !Array.isArray(job.input) ? (job.input as Record<string, unknown>) : {};
  const parts: string[] = [];
  if (text(input.from) && text(input.to)) parts.push(`${input.from} → ${input.to}`);
  if (text(input.layer)) parts.push(`layer ${input.layer}`);
  if (Array.isArray(input.layers)) parts.push(`layers ${input.layers.join(', ')}`);
  if (Array.isArray(input.units)) parts.push(`units ${unitRuns(input.units.filter((u): u is number => typeof u === 'number'))}`);
  if (typeof input.steps === 'number') parts.push(`${input.steps} steps`);
  if (typeof input.size === 'number') parts.push(`${input.size} px`);
  if (text(input.name)) parts.push(`“${input.name}”`);
  if (text(input.fileName)) parts.push(String(input.fileName));
  if (text(input.entryId)) parts.push(`catalogue ${input.entryId}`);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    error: job.error,
    model: text(input.modelId),
    detail: parts.join(' · '),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    worker: job.worker,
  };
}

/** A row with a newer state from `jobProgress` or `cancelJob`. */
export const withState = (row: JobRow, state: JobState & { finishedAt?: string | null }): JobRow => ({
  ...row,
  status: state.status,
  progress: Math.max(row.progress, state.progress),
  error: state.error,
  finishedAt: state.finishedAt ?? row.finishedAt,
});

/** Whether a job can still be cancelled. */
export const isActive = (row: Pick<JobRow, 'status'>): boolean => row.status === 'QUEUED' || row.status === 'RUNNING';
