import { AsyncLocalStorage } from 'node:async_hooks';
import type { JobData } from '../handler-data/job-data';
import { JobQueueError } from '../job-queue';

/** One {@link JobData} for handlers to hold on to, which inside each job is that job's own. */
export interface JobDataScope {
  /** Pass this to handlers; it throws when used outside a job. */
  readonly data: JobData;
  /** Runs `fn` (a job) with `data` standing behind {@link JobDataScope.data}. */
  run<T>(data: JobData, fn: () => Promise<T>): Promise<T>;
}

/**
 * Handlers are built once (`registerHandlers(queue, { data })`), but on a Redis worker each job reads what it
 * carries and collects what it writes. This follows the job through its async calls (AsyncLocalStorage), so
 * concurrent jobs in one process never see each other's values.
 */
export function createJobDataScope(): JobDataScope {
  const current = new AsyncLocalStorage<JobData>();
  const active = (): JobData => {
    const data = current.getStore();
    if (!data) throw new JobQueueError('the job data is only usable inside a job handler that a Redis queue runs');
    return data;
  };
  const data: JobData = {
    reads: {
      requireModel: (id) => active().reads.requireModel(id),
      weightsBlob: (key) => active().reads.weightsBlob(key),
      storedArtifacts: (keys) => active().reads.storedArtifacts(keys),
      resultValue: <V>(key: string) => active().reads.resultValue<V>(key),
      hasImportedModel: (importKey) => active().reads.hasImportedModel(importKey),
    },
    writes: {
      putArtifact: (artifact) => active().writes.putArtifact(artifact),
      putResult: (result) => active().writes.putResult(result),
      stageBlob: (chunks) => active().writes.stageBlob(chunks),
      putImportedModel: (imported, options) => active().writes.putImportedModel(imported, options),
    },
  };
  return { data, run: (jobData, fn) => current.run(jobData, fn) };
}
