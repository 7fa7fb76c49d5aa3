import type { ShippedFiles } from './job-files';
import type { EncodedRows } from './table-rows';

/** What a BullMQ job carries (its name is the job kind, its id the store's job id). */
export interface RedisJobData {
  /** The rows the handler reads (`jobReads`), binary values as blob references. */
  reads: EncodedRows;
  /** Files the handler reads from the API machine's disk (an import's model file), as blobs. */
  files?: ShippedFiles;
  /**
   * SHA-256 of the blob holding the rows an earlier run of this job kept (`keepStored`, `EncodedRows` as JSON):
   * the run that takes the job over starts with them in its store.
   */
  kept?: string;
}

/** What a worker returns, and BullMQ keeps as the job's return value. */
export interface RedisJobReturn {
  resultKey: string | null;
  /** SHA-256 of the blob holding the rows the handler wrote (`EncodedRows` as JSON), or null when it wrote none. */
  writes: string | null;
}

/** How long finished jobs stay in Redis, so an API that was down meanwhile can still collect their results. */
export const KEEP_FINISHED_SECONDS = 7 * 24 * 3600;
