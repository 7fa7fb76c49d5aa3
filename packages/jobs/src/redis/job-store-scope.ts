import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store } from '@branchscope/store';
import { JobQueueError } from '../job-queue';

/** One `Store` for handlers to hold on to, which inside each job is that job's own store. */
export interface JobStoreScope {
  /** Pass this to handlers; it throws when used outside a job. */
  readonly store: Store;
  /** Runs `fn` (a job) with `store` standing behind {@link JobStoreScope.store}. */
  run<T>(store: Store, fn: () => Promise<T>): Promise<T>;
}

/**
 * Handlers are built once with one store (`registerHandlers(queue, { store })`), but on a Redis worker each job
 * runs against its own scratch store. This store follows the job through its async calls (AsyncLocalStorage),
 * so concurrent jobs in one process never see each other's rows.
 */
export function createJobStoreScope(): JobStoreScope {
  const current = new AsyncLocalStorage<Store>();
  const active = (): Store => {
    const store = current.getStore();
    if (!store) throw new JobQueueError('the job store is only usable inside a job handler that a Redis queue runs');
    return store;
  };
  const store: Store = {
    get path() {
      return active().path;
    },
    get dialect() {
      return active().dialect;
    },
    get location() {
      return active().location;
    },
    get target() {
      return active().target;
    },
    get db() {
      return active().db;
    },
    get schemaVersion() {
      return active().schemaVersion;
    },
    // Each job's store is closed by the queue when the job ends.
    close: async () => undefined,
  };
  return { store, run: (scratch, fn) => current.run(scratch, fn) };
}
