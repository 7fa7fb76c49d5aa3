import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInProcessQueue, storeJobData, type JobQueue } from '@branchscope/jobs';
import { insertModelsIfAbsent, openStore, type NewModel, type Store } from '@branchscope/store';
import { registerHandlers, type HandlerDeps } from '../../register-handlers';

/** A real store file in a temp folder with `models` in it, and an in-process queue running every worker handler. */
export interface HandlerQueue {
  store: Store;
  queue: JobQueue;
  /** Stops the queue, closes the store and removes the folder. */
  close(): Promise<void>;
}

/** Opens a {@link HandlerQueue}; handlers get `deps` beside the store's job data (default backend 'cpu'). */
export async function openHandlerQueue(models: readonly NewModel[], deps: Omit<HandlerDeps, 'data'> = { backend: 'cpu' }): Promise<HandlerQueue> {
  const dir = mkdtempSync(join(tmpdir(), 'branchscope-worker-'));
  const store = openStore(join(dir, 'store.db'));
  await insertModelsIfAbsent(store, models);
  const queue = createInProcessQueue({ store, onError: (error) => console.error(error) });
  registerHandlers(queue, { data: storeJobData(store), ...deps });
  return {
    store,
    queue,
    async close() {
      await queue.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
