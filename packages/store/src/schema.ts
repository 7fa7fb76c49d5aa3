/** Row shapes of the embedded database, as Kysely sees them. JSON columns are TEXT holding valid JSON. */

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export const JOB_STATUSES: readonly JobStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'];

export interface ModelsTable {
  id: string;
  name: string;
  family: string;
  /** JSON: the model's `Graph`. */
  graph: string;
  /** JSON: where its weights come from, e.g. `{"kind":"seeded","seed":1}`. */
  weights: string;
  created_at: string;
}

export interface ResultsTable {
  key: string;
  kind: string;
  model_id: string;
  /** JSON: the parameters the key was computed from. */
  params: string;
  /** JSON: the result itself. */
  value: string;
  job_id: string | null;
  created_at: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  /** JSON: the handler's input. */
  input: string;
  status: JobStatus;
  progress: number;
  error: string | null;
  /** Jobs with the same dedupe key share one active (queued or running) job. */
  dedupe_key: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  result_key: string | null;
}

export interface StoreSchema {
  models: ModelsTable;
  results: ResultsTable;
  jobs: JobsTable;
}
