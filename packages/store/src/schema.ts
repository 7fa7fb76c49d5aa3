/** Row shapes of the embedded database, as Kysely sees them. JSON columns are TEXT holding valid JSON. */

import type { LabelSource } from '@branchscope/core';

/** CANCELLED: someone cancelled it (`JobQueue.cancel`) before it finished; its `error` says so. */
export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export const JOB_STATUSES: readonly JobStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

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
  /** The worker process that ran (or runs) the job, `host:pid`; null until one takes it. */
  worker: string | null;
}

export interface LabelSetsTable {
  id: string;
  model_id: string;
  name: string;
  source: LabelSource;
  /** Who created the set: a person, `rules`, or the publication. */
  author: string;
  /** JSON object: how the set was made, e.g. a rule set's thresholds; `{}` for human sets. */
  params: string;
  created_at: string;
}

export interface LabelsTable {
  label_set_id: string;
  layer: string;
  unit: number;
  category: string;
  author: string;
  /** ISO 8601: when this label was assigned. */
  at: string;
}

export interface ArtifactsTable {
  key: string;
  kind: string;
  model_id: string;
  media_type: string;
  /** The bytes, when they are kept in the row (up to the inline limit); null when a blob file holds them. */
  bytes: Buffer | null;
  /** Byte length of the artifact, so listings need not read it. */
  size: number;
  /** JSON object: what the artifact is and how it was made. */
  meta: string;
  job_id: string | null;
  created_at: string;
  /** SHA-256 (hex) of the blob file holding the bytes (`blobPath`, migration 6), or null when the row holds them. */
  blob_sha256: string | null;
}

export interface ModelSourcesTable {
  model_id: string;
  /** How the file was read: `onnx`, `tfjs`. */
  format: string;
  file_name: string;
  /** Size of the imported file (or folder's files) in bytes. */
  bytes: number;
  /** SHA-256 (hex) of the imported bytes. */
  sha256: string;
  /** What dedupes imports: the bytes' hash with the import options. */
  import_key: string;
  job_id: string | null;
  imported_at: string;
}

export interface StoreSchema {
  models: ModelsTable;
  results: ResultsTable;
  jobs: JobsTable;
  label_sets: LabelSetsTable;
  labels: LabelsTable;
  artifacts: ArtifactsTable;
  model_sources: ModelSourcesTable;
  api_tokens: ApiTokensTable;
  datasets: DatasetsTable;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  sha256: string;
  created_at: string;
  revoked_at: string | null;
}

export interface DatasetsTable {
  id: string;
  name: string;
  /** Absolute path of the image folder on the server. */
  path: string;
  images: number;
  /** JSON array of the class folder names. */
  classes: string;
  created_at: string;
}
