import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJob, openStore, type Store } from '@branchscope/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessQueue } from './in-process-queue';
import { preferredRenderBackend, requiredBackend, waitingForBackend } from './job-routing';
import type { JobQueue } from './job-queue';
import { RENDER_FEATURES_JOB } from './kinds/render-features';
import { RENDER_LAYER_JOB } from './kinds/render-layer';
import { SVD_FACTORS_JOB } from './kinds/svd-factors';
import { sampleRenderInput } from './testing/sample-inputs';

describe('job routing', () => {
  it('pins a render to the backend its input names, and nothing else', () => {
    expect(requiredBackend(RENDER_FEATURES_JOB, sampleRenderInput(0, 'ort+wasm'))).toBe('ort+wasm');
    expect(requiredBackend(RENDER_LAYER_JOB, sampleRenderInput())).toBeNull();
    expect(requiredBackend(SVD_FACTORS_JOB, { modelId: 'm', from: 'a', to: 'b', centered: false, backend: 'cpu' })).toBeNull();
  });

  it('prefers onnxruntime, then the faster TF.js backend, then the name, whatever order the workers come in', () => {
    expect(preferredRenderBackend(['cpu', 'wasm'])).toBe('wasm');
    expect(preferredRenderBackend(['wasm', 'cpu', 'ort+cpu'])).toBe('ort+cpu');
    expect(preferredRenderBackend(['ort+cpu', 'ort+wasm', 'node'])).toBe('ort+wasm');
    expect(preferredRenderBackend(['zeta', 'alpha'])).toBe('alpha');
    expect(preferredRenderBackend([])).toBeUndefined();
  });
});

describe('the in-process queue routes pinned jobs', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'branchscope-routing-'));
    store = openStore(join(dir, 'store.db'));
    queue = createInProcessQueue({ store, onError: (error) => expect.fail(error.message) });
  });
  afterEach(async () => {
    await queue.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs renders pinned to its backend or to none, and leaves one pinned elsewhere QUEUED, noted with why', async () => {
    const ran: (string | null)[] = [];
    queue.process(RENDER_FEATURES_JOB, async ({ input }) => void ran.push(input.backend), { backend: 'wasm' });
    const elsewhere = await queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(1, 'cpu'));
    const here = await queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(2, 'wasm'));
    const anywhere = await queue.enqueue(RENDER_FEATURES_JOB, sampleRenderInput(3));
    expect((await queue.waitFor(here.id)).status).toBe('SUCCEEDED');
    expect((await queue.waitFor(anywhere.id)).status).toBe('SUCCEEDED');
    expect(ran).toEqual(['wasm', null]);
    await expect.poll(async () => (await getJob(store, elsewhere.id))?.error).toBe(waitingForBackend('cpu', ['wasm']));
    expect((await getJob(store, elsewhere.id))?.status).toBe('QUEUED');
    expect(waitingForBackend('cpu', ['wasm'])).toBe("waiting for a worker that renders on 'cpu': live workers render on wasm; the job starts when one does");
  });
});
