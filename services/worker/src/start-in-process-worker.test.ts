import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInProcessQueue } from '@branchscope/jobs';
import { openStore } from '@branchscope/store';
import { describe, expect, it } from 'vitest';
import { startInProcessWorker } from './start-in-process-worker';

describe('startInProcessWorker', () => {
  it('reports the backend it chose from the ones allowed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'branchscope-worker-'));
    const store = openStore(join(dir, 'store.db'));
    const queue = createInProcessQueue({ store });
    try {
      const worker = await startInProcessWorker({ queue, store, backends: ['cpu'], log: () => undefined });
      // onnxruntime-node loads here, so the model runs on it and the recipe on TF.js cpu (renderBackendLabel).
      expect(worker.backend).toBe('ort+cpu');
    } finally {
      await queue.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
