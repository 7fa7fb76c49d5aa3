import { createInProcessQueue, createLogger, RENDER_FEATURES_JOB, SVD_FACTORS_JOB } from '@branchscope/jobs';
import { sampleRenderInput } from '@branchscope/jobs/testing';
import { openStore } from '@branchscope/store';
import { describe, expect, it } from 'vitest';
import { withJobRunLog } from './job-run-log';

describe('withJobRunLog', () => {
  it("logs each job this process runs as it starts and ends, a failure at warn with the handler's message", async () => {
    const store = openStore(':memory:');
    const queue = createInProcessQueue({ store });
    const lines: string[] = [];
    const logged = withJobRunLog(queue, createLogger({ level: 'info', write: (line) => lines.push(line) }));
    try {
      logged.process(SVD_FACTORS_JOB, async ({ input }) => {
        if (input.centered) throw new Error('layer conv9 does not exist');
      });
      const good = await queue.enqueue(SVD_FACTORS_JOB, { modelId: 'alexnet', from: 'conv1', to: 'conv2', centered: false }, { dedupeKey: '0123456789abcdef' });
      const bad = await queue.enqueue(SVD_FACTORS_JOB, { modelId: 'alexnet', from: 'conv1', to: 'conv9', centered: true });
      await queue.waitFor(good.id);
      expect((await queue.waitFor(bad.id)).error).toBe('layer conv9 does not exist');
      expect(lines).toEqual([
        expect.stringMatching(new RegExp(`info  job started kind=svd-factors lane=quick id=${good.id} key=0123456789ab$`)),
        expect.stringMatching(new RegExp(`info  job finished kind=svd-factors lane=quick id=${good.id} key=0123456789ab result=succeeded ms=\\d+$`)),
        expect.stringMatching(new RegExp(`info  job started kind=svd-factors lane=quick id=${bad.id}$`)),
        expect.stringMatching(new RegExp(`warn  job finished kind=svd-factors lane=quick id=${bad.id} result=failed ms=\\d+ error="layer conv9 does not exist"$`)),
      ]);
    } finally {
      await queue.close();
      await store.close();
    }
  });

  it('registers through to the queue with the backend its handler runs on, so renders pinned to it still come', async () => {
    const store = openStore(':memory:');
    const queue = createInProcessQueue({ store });
    const logged = withJobRunLog(queue, createLogger({ level: 'silent' }));
    try {
      logged.process(RENDER_FEATURES_JOB, async () => undefined, { backend: 'wasm' });
      const job = await queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(0, 'wasm'));
      expect((await queue.waitFor(job.id, { timeoutMs: 5000 })).status).toBe('SUCCEEDED');
    } finally {
      await queue.close();
      await store.close();
    }
  });
});
