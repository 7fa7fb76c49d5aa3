import { getResult, type JobRecord, type ResultRecord, type Store } from '@branchscope/store';
import type { JobValue, KindOf } from './job-kinds';

/** The value of a job of `kind` stored under `key`, typed from `JobKinds`; undefined when none is stored. */
export async function readStoredValue<K extends KindOf>(store: Store, _kind: K, key: string): Promise<ResultRecord<JobValue<K>> | undefined> {
  return getResult<JobValue<K>>(store, key);
}

/**
 * What a finished job of `kind` stored under its result key, typed from `JobKinds`; undefined when the job has no
 * result (not SUCCEEDED yet, or a kind that stores artifacts). Throws when the job is of another kind, whose value
 * would be read as the wrong type.
 */
export async function readJobResult<K extends KindOf>(store: Store, kind: K, job: Pick<JobRecord, 'id' | 'kind' | 'resultKey'>): Promise<ResultRecord<JobValue<K>> | undefined> {
  if (job.kind !== kind) throw new TypeError(`job ${job.id} is a '${job.kind}' job, not a '${kind}' one: its result is not a '${kind}' value`);
  return job.resultKey ? readStoredValue(store, kind, job.resultKey) : undefined;
}
