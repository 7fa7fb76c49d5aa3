import type { WeightImage } from '@branchscope/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { ANSWER_JOB_FIELDS, answerOf } from '../support/follow-answer';
import { listJobs, type Job } from '../support/jobs';
import { featureImages } from './feature-image-queries';

const jobs = (url: string): Promise<Job[]> => listJobs(url);

// A real render long enough to take several seconds on 2 cores (about 0.2 s a step): 4 units of conv2, 64 px, 40 steps.
const longRender = { modelId: 'small-alexnet-2b', layer: 'conv2', units: [0, 1, 2, 3], steps: 40, size: 64 };

describe('API: a quick job does not wait behind a render (job lanes, in-process worker)', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath });
  });
  afterAll(async () => {
    await api?.stop();
    db?.remove();
  });

  it('finishes a weight-images job requested while a render runs before the render does, and logs both', async () => {
    const renderStarted = Date.now();
    const render = featureImages(api.url, longRender);
    // Ask for the weight images only once the render is running.
    for (let tries = 0; !(await jobs(api.url)).some((job) => job.kind === 'render-features' && job.status === 'RUNNING'); tries++) {
      if (tries > 200) throw new Error(`the render never started:\n${api.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const quickStarted = Date.now();
    const weights = await answerOf<Pick<WeightImage, 'unit'>[]>(
      api.url,
      `{ weightImages(modelId: "small-alexnet-2b", layer: "conv1") { result { unit } ${ANSWER_JOB_FIELDS} } }`,
      'weightImages',
    );
    const quickMs = Date.now() - quickStarted;
    expect(weights.length).toBeGreaterThan(0);
    expect(await render).toHaveLength(4);
    const renderMs = Date.now() - renderStarted;

    const byKind = new Map((await jobs(api.url)).map((job) => [job.kind, job]));
    const [quick, slow] = [byKind.get('weight-images')!, byKind.get('render-features')!];
    expect([quick.status, slow.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(Date.parse(quick.startedAt!)).toBeGreaterThan(Date.parse(slow.startedAt!));
    expect(Date.parse(quick.finishedAt!)).toBeLessThan(Date.parse(slow.finishedAt!));
    console.log(`job lanes: weightImages answered (its job followed to the end) in ${quickMs} ms while the render ran (its job ran ${Date.parse(quick.finishedAt!) - Date.parse(quick.startedAt!)} ms); the render took ${renderMs} ms and finished ${Date.parse(slow.finishedAt!) - Date.parse(quick.finishedAt!)} ms after it`);

    // The log a person follows: each job's start and end, the quick one ending first, and each request.
    const log = api.output();
    const ended = [...log.matchAll(/ job finished kind=(\S+) lane=(\S+) .*result=succeeded ms=\d+/g)].map((match) => `${match[1]}/${match[2]}`);
    expect(ended).toEqual(['weight-images/quick', 'render-features/render']);
    expect(log).toMatch(new RegExp(`info  job started kind=render-features lane=render id=${slow.id} key=[0-9a-f]{12} model=small-alexnet-2b layer=conv2 waited_ms=\\d+ worker=`));
    expect(log).toMatch(/info {2}graphql request request_id=\S+ method=POST type=query fields=weightImages ms=\d+ status=ok/);
  });
});
