import { randomUUID } from 'node:crypto';
import type { ResultKey } from './content-key';
import { fromJsonColumn, toJsonColumn } from './json-column';
import type { Store } from './open-store';
import { JOB_STATUSES, type JobStatus, type JobsTable } from './schema';
import { StoreError } from './store-error';

/** A job's id. Branded so it is never confused with a result key or model id. */
export type JobId = string & { readonly __brand: 'JobId' };

/** A unit of queued work and where it stands. */
export interface JobRecord<I = unknown> {
  id: JobId;
  kind: string;
  input: I;
  status: JobStatus;
  /** 0 to 1. */
  progress: number;
  error: string | null;
  dedupeKey: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  resultKey: ResultKey | null;
  /** The worker process that ran (or runs) the job, `host:pid`; null until one takes it. */
  worker: string | null;
}

export interface NewJob<I = unknown> {
  kind: string;
  input: I;
  /** When a queued or running job has this key, it is returned instead of a new one. */
  dedupeKey?: string;
}

/**
 * Inserts a QUEUED job, or returns the active (queued or running) job with the same dedupe key.
 * The check and the insert share one transaction, so two callers never both create a job for one key.
 */
export async function insertJob<I>(store: Store, job: NewJob<I>): Promise<{ job: JobRecord<I>; created: boolean }> {
  if (typeof job.kind !== 'string' || job.kind.length === 0) throw new StoreError('cannot store a job without a kind');
  const row: JobsTable = {
    id: randomUUID(),
    kind: job.kind,
    input: toJsonColumn(job.input, `input of a '${job.kind}' job`),
    status: 'QUEUED',
    progress: 0,
    error: null,
    dedupe_key: job.dedupeKey ?? null,
    created_at: new Date().toISOString(),
    started_at: null,
    finished_at: null,
    result_key: null,
    worker: null,
  };
  return store.db.transaction().execute(async (trx) => {
    if (row.dedupe_key !== null) {
      const active = await trx
        .selectFrom('jobs')
        .selectAll()
        .where('dedupe_key', '=', row.dedupe_key)
        .where('status', 'in', ['QUEUED', 'RUNNING'])
        .executeTakeFirst();
      if (active) return { job: fromRow<I>(active), created: false };
    }
    await trx.insertInto('jobs').values(row).execute();
    return { job: fromRow<I>(row), created: true };
  });
}

/** The job with this id, or undefined. */
export async function getJob<I = unknown>(store: Store, id: string): Promise<JobRecord<I> | undefined> {
  const row = await store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow<I>(row);
}

export interface JobFilter {
  status?: JobStatus;
  kind?: string;
  /** Any of these statuses (with `status`, both must hold). */
  statuses?: readonly JobStatus[];
  /** Any of these kinds (with `kind`, both must hold). */
  kinds?: readonly string[];
  /** Newest first by default; queues pick the oldest first. */
  order?: 'newest' | 'oldest';
  limit?: number;
}

/** Jobs matching the filter. */
export async function listJobs(store: Store, filter: JobFilter = {}): Promise<JobRecord[]> {
  if (filter.status !== undefined && !JOB_STATUSES.includes(filter.status)) {
    throw new StoreError(`unknown job status '${filter.status}'; expected one of ${JOB_STATUSES.join(', ')}`);
  }
  const direction = filter.order === 'oldest' ? 'asc' : 'desc';
  let query = store.db.selectFrom('jobs').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.statuses) {
    if (filter.statuses.length === 0) return [];
    query = query.where('status', 'in', [...filter.statuses]);
  }
  if (filter.kinds) {
    if (filter.kinds.length === 0) return [];
    query = query.where('kind', 'in', [...filter.kinds]);
  }
  // rowid breaks ties between jobs created in the same millisecond.
  query = query.orderBy('created_at', direction).orderBy('rowid' as 'id', direction);
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  const rows = await query.execute();
  return rows.map((row) => fromRow(row));
}

/** How many jobs of one kind are in one status. */
export interface JobCount {
  kind: string;
  status: JobStatus;
  count: number;
}

/**
 * Counts jobs by kind and status, for the given statuses only (all by default): one grouped query, for metrics.
 * Kinds and statuses with no job are left out.
 */
export async function countJobs(store: Store, statuses: readonly JobStatus[] = JOB_STATUSES): Promise<JobCount[]> {
  const unknown = statuses.filter((status) => !JOB_STATUSES.includes(status));
  if (unknown.length > 0) throw new StoreError(`unknown job status '${unknown[0]}'; expected one of ${JOB_STATUSES.join(', ')}`);
  if (statuses.length === 0) return [];
  const rows = await store.db
    .selectFrom('jobs')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', 'in', [...statuses])
    .groupBy(['kind', 'status'])
    .orderBy('kind')
    .orderBy('status')
    .execute();
  return rows.map((row) => ({ kind: row.kind, status: row.status, count: Number(row.count) }));
}

/**
 * Moves a QUEUED job to RUNNING, clearing the note of why it waited ({@link noteQueuedJob}). Returns false when it
 * was not queued (another worker took it).
 */
export async function startJob(store: Store, id: JobId): Promise<boolean> {
  const result = await store.db
    .updateTable('jobs')
    .set({ status: 'RUNNING', started_at: new Date().toISOString(), error: null })
    .where('id', '=', id)
    .where('status', '=', 'QUEUED')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records which worker process runs a queued or running job (`host:pid`); a job that a stopped worker left
 * and another one took over names the second.
 */
export async function setJobWorker(store: Store, id: JobId, worker: string): Promise<void> {
  if (typeof worker !== 'string' || worker.length === 0) throw new StoreError(`job ${id}: a worker name must be a non-empty string`);
  await store.db.updateTable('jobs').set({ worker }).where('id', '=', id).where('status', 'in', ['QUEUED', 'RUNNING']).execute();
}

/**
 * Records on a QUEUED job why it waits (in its `error`, which stays empty otherwise until it fails): no live worker
 * has what it needs, such as a render pinned to a backend no worker renders on. Null clears it; starting clears it.
 * Returns false when the job is no longer queued.
 */
export async function noteQueuedJob(store: Store, id: JobId, note: string | null): Promise<boolean> {
  const result = await store.db.updateTable('jobs').set({ error: note }).where('id', '=', id).where('status', '=', 'QUEUED').executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records a running job's progress, a fraction from 0 to 1. */
export async function setJobProgress(store: Store, id: JobId, progress: number): Promise<void> {
  if (!Number.isFinite(progress) || progress < 0 || progress > 1) {
    throw new StoreError(`job ${id}: progress must be a number from 0 to 1, got ${progress}`);
  }
  await store.db.updateTable('jobs').set({ progress }).where('id', '=', id).where('status', '=', 'RUNNING').execute();
}

export type JobOutcome =
  | { status: 'SUCCEEDED'; resultKey?: ResultKey | null }
  | { status: 'FAILED'; error: string }
  | { status: 'CANCELLED'; error: string };

/** Ends a queued or running job. A job that already ended keeps its first outcome. */
export async function finishJob(store: Store, id: JobId, outcome: JobOutcome): Promise<JobRecord> {
  const succeeded = outcome.status === 'SUCCEEDED';
  return store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('jobs')
      .set({
        status: outcome.status,
        progress: succeeded ? 1 : undefined,
        error: succeeded ? null : outcome.error,
        result_key: succeeded ? (outcome.resultKey ?? null) : null,
        finished_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .where('status', 'in', ['QUEUED', 'RUNNING'])
      .execute();
    const row = await trx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new StoreError(`cannot finish job ${id}: no such job`);
    return fromRow(row);
  });
}

/**
 * Marks every RUNNING job of these kinds FAILED with `reason`: their process stopped while they ran, and
 * leaving them RUNNING would make later requests for the same dedupe key wait forever. Returns their ids.
 */
export async function failRunningJobs(store: Store, kinds: readonly string[] | 'all', reason: string): Promise<JobId[]> {
  return store.db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('jobs').select('id').where('status', '=', 'RUNNING');
    if (kinds !== 'all') {
      if (kinds.length === 0) return [];
      query = query.where('kind', 'in', [...kinds]);
    }
    const ids = (await query.execute()).map((row) => row.id as JobId);
    if (ids.length === 0) return ids;
    await trx
      .updateTable('jobs')
      .set({ status: 'FAILED', error: reason, finished_at: new Date().toISOString() })
      .where('id', 'in', ids)
      .execute();
    return ids;
  });
}

function fromRow<I>(row: JobsTable): JobRecord<I> {
  return {
    id: row.id as JobId,
    kind: row.kind,
    input: fromJsonColumn<I>(row.input, `input of job ${row.id}`),
    status: row.status,
    progress: row.progress,
    error: row.error,
    dedupeKey: row.dedupe_key,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    resultKey: row.result_key as ResultKey | null,
    worker: row.worker ?? null,
  };
}
