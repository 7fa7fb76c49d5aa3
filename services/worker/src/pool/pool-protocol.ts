import type { ResultKey } from '@branchscope/store';

/**
 * Messages between the API's worker pool and its pool processes, over Node's IPC channel. A pool process opens the
 * API's store itself (a SQLite file in WAL mode, which both read and write, or the same PostgreSQL database), so a job carries only its id: the handler reads its
 * rows and writes its results there directly, each write one transaction, exactly as in the API's process.
 */
export type ToPoolProcess =
  /** `units`: render only these of the job's units (a whole-layer job split across processes). */
  | { type: 'run'; jobId: string; kind: string; units?: number[] }
  | { type: 'cancel'; jobId: string }
  | { type: 'stats' };

export type FromPoolProcess =
  | { type: 'ready'; backend: string; pid: number }
  | { type: 'start-failed'; error: string }
  | { type: 'progress'; jobId: string; fraction: number }
  | { type: 'done'; jobId: string; resultKey: ResultKey | null }
  | { type: 'failed'; jobId: string; error: string }
  | { type: 'stats'; stats: PoolProcessStats };

/** What a pool process reports of itself, for leak checks: TF.js tensors alive and resident memory. */
export interface PoolProcessStats {
  pid: number;
  jobsRun: number;
  tensors: number;
  rssBytes: number;
  /** V8's live JavaScript heap after a collection: what the process's own objects hold. */
  heapUsedBytes: number;
  /** Memory of ArrayBuffers and other off-heap objects V8 tracks (wasm memories, tensor data). */
  externalBytes: number;
}

/** What a pool process is started with (its one command-line argument, as JSON). */
export interface PoolProcessSettings {
  /** The API's store: its SQLite file, or its PostgreSQL URL with the password masked (the URL itself is in BRANCHSCOPE_DB). */
  dbPath: string;
  /** With PostgreSQL: the folder of the files kept beside the database (`connectStore`'s `filesDir`). */
  filesDir: string;
  backends: string[] | null;
  downloadDir: string | null;
}
