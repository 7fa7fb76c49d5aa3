import type { ArtifactWriteOptions, ModelRecord, NewArtifact, NewImportedModel, NewResult, StagedBlob } from '@branchscope/store';

/** A model's stored weights blob (`{ kind: 'stored', key }`) as a handler reads it: a file on this machine, or the bytes. */
export type WeightsBlob = { file: string } | { bytes: Uint8Array };

/** What a job handler reads besides its input: never the store itself, so a job runs the same wherever it runs. */
export interface JobReads {
  /** The model, or an error naming the id and the models that are known. */
  requireModel(id: string): Promise<ModelRecord>;
  /** The weights blob stored under `key`, or undefined when there is none. */
  weightsBlob(key: string): Promise<WeightsBlob | undefined>;
  /**
   * Which of `keys` are stored artifacts, so a job computes only the others. On a Redis worker: those an earlier
   * run of this job kept (`keepStored`) and this run wrote.
   */
  storedArtifacts(keys: readonly string[]): Promise<Set<string>>;
  /** The value of the result stored under `key` (a partial result a job resumes from), or undefined. */
  resultValue<V>(key: string): Promise<V | undefined>;
  /** Whether a model with this import key is stored. */
  hasImportedModel(importKey: string): Promise<boolean>;
}

/** What a job handler writes: typed values, which the API stores (directly, or when a Redis worker returns them). */
export interface JobWrites {
  putArtifact<M>(artifact: NewArtifact<M>): Promise<void>;
  putResult<V>(result: NewResult<V>): Promise<void>;
  /** Streams bytes (imported weights) to a staged file that {@link JobWrites.putImportedModel} stores or removes. */
  stageBlob(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<StagedBlob>;
  /** Stores an imported model, its source, its weights and the import's result together (`insertImportedModel`). */
  putImportedModel(imported: NewImportedModel, options?: ArtifactWriteOptions): Promise<void>;
}

/** The reads and writes a handler is built with (`registerHandlers(queue, { data })`). */
export interface JobData {
  readonly reads: JobReads;
  readonly writes: JobWrites;
}
