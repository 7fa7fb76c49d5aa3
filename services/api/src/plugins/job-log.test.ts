import { CLUSTERABILITY_JOB, createInProcessQueue, createLogger, WEIGHT_IMAGES_JOB, type JobQueue } from '@branchscope/jobs';
import { openStore, type Store } from '@branchscope/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logJobEvents } from './job-log';

describe('logJobEvents', () => {
  let store: Store;
  let queue: JobQueue;
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    store = openStore(':memory:');
    queue = createInProcessQueue({ store });
    logJobEvents(queue, createLogger({ level: 'info', write: (line) => lines.push(line) }));
  });
  afterEach(async () => {
    await queue.close();
    await store.close();
  });

  it('writes a line when a job starts and one when it succeeds, with kind, lane, id, key, model and duration', async () => {
    queue.process(WEIGHT_IMAGES_JOB, async () => undefined);
    const job = await queue.enqueue(WEIGHT_IMAGES_JOB, { modelId: 'alexnet', layer: 'conv1' }, { dedupeKey: 'abcdef0123456789' });
    await queue.waitFor(job.id);
    const named = `kind=weight-images lane=quick id=${job.id} key=abcdef012345 model=alexnet layer=conv1`;
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`info  job started ${named} waited_ms=\\d+ worker=\\S+:\\d+$`)),
      expect.stringMatching(new RegExp(`info  job finished ${named} result=succeeded ms=\\d+ worker=\\S+:\\d+$`)),
    ]);
  });

  it("logs a failed job at warn with the handler's message", async () => {
    queue.process(CLUSTERABILITY_JOB, async () => {
      throw new Error('layer conv9 does not exist');
    });
    const job = await queue.enqueue(CLUSTERABILITY_JOB, { modelId: 'alexnet', layers: ['conv1', 'conv9'], k: 2, shuffles: 1, seed: 0 });
    await queue.waitFor(job.id);
    expect(lines.at(-1)).toMatch(new RegExp(`warn  job finished kind=clusterability lane=heavy id=${job.id} model=alexnet result=failed ms=\\d+ worker=\\S+ error="layer conv9 does not exist"$`));
  });
});
