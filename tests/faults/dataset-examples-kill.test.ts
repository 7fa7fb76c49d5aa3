import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePng } from '@branchscope/featurevis';
import { DATASET_BATCH_IMAGES } from '@branchscope/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, DatasetExample } from '@branchscope/client';
import { followJob } from '../support/follow-answer';
import { queryData } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';

const SIDE = 40;
const PER_CLASS = 160;
const IMAGES = 2 * PER_CLASS;
/** One batch per stored chunk, so a kill loses at most the batch under way. */
const CHUNK = DATASET_BATCH_IMAGES;
/** The forward passes' share of a dataset-examples job's progress (cutting the crops takes the rest). */
const FORWARD_SHARE = 0.9;

interface JobRow {
  id: string;
  status: string;
  progress: number;
  worker: string | null;
}

type Example = Pick<DatasetExample, 'rank' | 'file' | 'value' | 'box'>;
const EXAMPLES = `query ($dataset: ID!, $by: ExampleMeasure, $order: ExampleOrder) {
  neurons(modelId: "small-alexnet-2b", layer: "conv1", first: 64) {
    edges { node { unit datasetExamples(dataset: $dataset, by: $by, order: $order) { result { rank file value box { y0 x0 y1 x1 } } job { id kind status progress error } } } }
  }
}`;
interface Examples {
  neurons: { edges: { node: { unit: number; datasetExamples: Answer<Example[]> } }[] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const pidOf = (worker: string | null): number => {
  const pid = Number(worker?.split(':').at(-1));
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) throw new Error(`job worker '${worker}' names no pool process`);
  return pid;
};

/** Two class folders of seeded images: colour fields and grey stripes of several widths. */
function writeImages(dir: string): void {
  for (const [name, pixel] of Object.entries({
    colour: (y: number, x: number, c: number, i: number) => ((c + i) % 3 === 0 ? 0.5 + 0.003 * i : 0.2) + 0.01 * ((x * y + i) % 7),
    stripes: (y: number, x: number, _c: number, i: number) => (Math.floor((x + (i % 5) * y) / (2 + (i % 4))) % 2 ? 0.9 : 0.1) - 0.001 * i,
  })) {
    mkdirSync(path.join(dir, name), { recursive: true });
    for (let i = 0; i < PER_CLASS; i++) {
      const data = new Float32Array(SIDE * SIDE * 3);
      for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) for (let c = 0; c < 3; c++) data[(y * SIDE + x) * 3 + c] = pixel(y, x, c, i);
      writeFileSync(path.join(dir, name, `${String(i).padStart(3, '0')}.png`), encodePng({ data, height: SIDE, width: SIDE, channels: 3 }));
    }
  }
}

/**
 * In-process mode, end to end: a real API whose pool runs the dataset-examples job of a registered folder, storing
 * the running lists after every batch (`BRANCHSCOPE_EXAMPLES_CHUNK`); the pool process running it is killed with
 * SIGKILL once a chunk is stored. The pool retries the job on a fresh process, which must resume after the stored
 * chunks and end with the lists a run never killed gives (a copy of the folder, registered under another name).
 */
describe('in-process pool: a dataset-examples job whose process is killed with SIGKILL resumes after its stored chunks', () => {
  let db: ReturnType<typeof tempDbPath>;
  let api: RunningApi;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'branchscope-examples-kill-'));
    writeImages(path.join(root, 'killed'));
    cpSync(path.join(root, 'killed'), path.join(root, 'whole'), { recursive: true });
    db = tempDbPath();
    api = await startApi({
      dbPath: db.dbPath,
      env: { BRANCHSCOPE_WORKERS: '1', BRANCHSCOPE_WORKER_THREADS: '1', BRANCHSCOPE_BACKEND: 'wasm', BRANCHSCOPE_DATASET_DIRS: root, BRANCHSCOPE_EXAMPLES_CHUNK: String(CHUNK) },
    });
    for (const name of ['killed', 'whole']) {
      await queryData(api.url, 'mutation ($name: String!, $path: String!) { registerDataset(name: $name, path: $path) { id } }', { name, path: path.join(root, name) });
    }
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const examples = async (dataset: string, by: string, order: string) =>
    (await queryData<Examples>(api.url, EXAMPLES, { dataset, by, order })).neurons.edges.map((e) => e.node.datasetExamples);

  it('runs forward only the images after the last stored chunk, and lists what an unkilled run lists', async () => {
    const started = Date.now();
    const whole = (await examples('whole', 'MEAN', 'TOP'))[0]!.job!;
    await followJob(api.url, whole);
    const wholeMs = Date.now() - started;

    const jobId = (await examples('killed', 'MEAN', 'TOP'))[0]!.job!.id;
    const jobNow = async () => (await queryData<{ jobs: JobRow[] }>(api.url, '{ jobs { id status progress worker } }')).jobs.find((job) => job.id === jobId)!;
    // A chunk stored (progress is reported after each stored chunk), well before the last.
    let before = await jobNow();
    for (let tries = 0; !(before.status === 'RUNNING' && before.progress > 0 && before.worker); tries++) {
      if (tries > 6000 || (before.status !== 'QUEUED' && before.status !== 'RUNNING')) throw new Error(`no chunk was ever stored: ${JSON.stringify(before)}\n${api.output()}`);
      await sleep(10);
      before = await jobNow();
    }
    const victim = pidOf(before.worker);
    process.kill(victim, 'SIGKILL');
    const killedAt = Date.now();
    const storedAtKill = Math.round((before.progress / FORWARD_SHARE) * IMAGES);
    expect(storedAtKill).toBeGreaterThanOrEqual(CHUNK);
    expect(storedAtKill).toBeLessThan(IMAGES);

    const seen: JobRow[] = [];
    for (let tries = 0; ; tries++) {
      const job = await jobNow();
      seen.push(job);
      if (job.status !== 'QUEUED' && job.status !== 'RUNNING') break;
      if (tries > 6000) throw new Error(`the job did not end within 5 minutes of the kill: ${JSON.stringify(job)}`);
      await sleep(50);
    }
    const retryMs = Date.now() - killedAt;
    expect(seen.at(-1)!.status, api.output()).toBe('SUCCEEDED');
    expect(pidOf(seen.at(-1)!.worker)).not.toBe(victim);
    expect(api.output()).toMatch(new RegExp(`pool process ${victim} killed by SIGKILL while running job ${jobId}; retrying it once on another pool process`));
    // The replacement process resumed after the chunks stored before the kill (at least those the progress showed),
    // so it ran forward only the images after them.
    const resumed = new RegExp(`dataset-examples job ${jobId}: resuming after (\\d+) of ${IMAGES} images, stored by an earlier run`).exec(api.output());
    expect(resumed, api.output()).not.toBeNull();
    const resumedAfter = Number(resumed![1]);
    expect(resumedAfter % CHUNK).toBe(0);
    expect(resumedAfter).toBeGreaterThanOrEqual(storedAtKill);
    expect(resumedAfter).toBeLessThan(IMAGES);
    expect(Math.min(...seen.map((job) => job.progress))).toBeGreaterThanOrEqual(before.progress);
    console.log(
      `dataset-examples kill: ${IMAGES} images; unkilled run ${wholeMs} ms; killed after ${storedAtKill} stored (progress ${before.progress.toFixed(3)}); ` +
        `retry resumed after ${resumedAfter}, ran ${IMAGES - resumedAfter} images forward, done ${retryMs} ms after the kill`,
    );

    // The same lists, top and bottom, by mean and by max, as the run never killed.
    for (const by of ['MEAN', 'MAX']) {
      for (const order of ['TOP', 'BOTTOM']) {
        const [killed, unkilled] = await Promise.all(['killed', 'whole'].map((dataset) => examples(dataset, by, order)));
        expect(killed!.every((answer) => answer.result?.length === 9)).toBe(true);
        expect(killed!.map((answer) => answer.result)).toEqual(unkilled!.map((answer) => answer.result));
      }
    }
  }, 360_000);
});
