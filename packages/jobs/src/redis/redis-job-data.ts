import type { JobRecord, ModelRecord, NewArtifact, NewImportedModel, NewResult, StoredWeights } from '@branchscope/store';
import type { ShippedFiles } from './job-files';

/** Bytes travelling through Redis by content key: a blob (`BlobStore.put`), or a file sent in parts (`putFile`). */
export type BytesRef = { blob: string } | { file: string };

/** The stored weights a job's model points at (`{ kind: 'stored', key }`), by content key in the blob store. */
export interface ShippedWeights {
  key: string;
  bytes: BytesRef;
}

/** What a BullMQ job carries (its name is the job kind, its id the store's job id): values, never database rows. */
export interface RedisJobData {
  /** The job as the API recorded it; its input is checked against its kind again on the worker. */
  job: JobRecord;
  /** The model the input names (`modelId`), when the API's store has it. */
  model?: ModelRecord;
  /** Without {@link RedisJobData.model}: the ids of the models the API's store has, for the error naming them. */
  knownModels?: string[];
  /** The model's stored weights, when it has them (imported models). */
  weights?: ShippedWeights;
  /** Files the handler reads from the API machine's disk (an import's model file), as blobs. */
  files?: ShippedFiles;
  /**
   * SHA-256 of the blob holding what an earlier run of this job kept (`keepStored`, {@link JobWrite}s as JSON): the
   * run that takes the job over reads them as stored and returns them with its own.
   */
  kept?: string;
}

/** One value a handler wrote, as it travels back to the API, which stores it with the store's own functions. */
export type JobWrite =
  | { type: 'artifact'; artifact: Omit<NewArtifact, 'bytes'>; /** The bytes' blob (`BlobStore.put`). */ blob: string }
  | { type: 'result'; result: NewResult }
  | { type: 'imported-model'; imported: Omit<NewImportedModel, 'weights'> & { weights: Omit<StoredWeights, 'bytes'> }; weightsBytes: BytesRef };

/** What a worker returns, and BullMQ keeps as the job's return value. */
export interface RedisJobReturn {
  resultKey: string | null;
  /** SHA-256 of the blob holding the {@link JobWrite}s of the job (JSON), or null when it wrote none. */
  writes: string | null;
}

/** How long finished jobs stay in Redis, so an API that was down meanwhile can still collect their results. */
export const KEEP_FINISHED_SECONDS = 7 * 24 * 3600;
