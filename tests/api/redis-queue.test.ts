import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startRedisServer, type RedisServer } from '@branchscope/jobs/testing';
import { smallAlexnetOnnx } from '@branchscope/model-import/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DATABASES, apiDatabases, type ApiDatabase } from '../support/api-database';
import { startApi, type RunningApi } from '../support/start-api';
import { startWorker, type RunningWorker } from '../support/start-worker';
import { listJobs, type Job } from '../support/jobs';
import { collectSubscription } from '../support/subscribe';
import { importAndWait } from './import-queries';
import { alexnetSvd, svdFactors, type SvdArgs, type SvdFactors } from './svd-queries';

/** A job of the client's Jobs query. */
type JobRow = Job;
const jobsOf = (url: string): Promise<JobRow[]> => listJobs(url);

const sameArgs = (job: JobRow, args: SvdArgs): boolean => {
  const input = job.input as Partial<SvdArgs>;
  return job.kind === 'svd-factors' && input.from === args.from && input.to === args.to && input.centered === args.centered;
};

// On PostgreSQL too: the API stores the values the workers send back in the team's database.
describe.each(API_DATABASES)('API with BRANCHSCOPE_QUEUE=redis and two standalone workers (%s)', (kind) => {
  const databases = apiDatabases(kind);
  let redis: RedisServer;
  let db: ApiDatabase;
  let api: RunningApi;
  let workers: RunningWorker[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { BRANCHSCOPE_REDIS_URL: redis.url, BRANCHSCOPE_REDIS_PREFIX: 'redis-queue-test' };
    db = await databases.fresh();
    api = await startApi({ dbPath: db.dbPath, env: { ...env, ...db.env, BRANCHSCOPE_QUEUE: 'redis' } });
    // A short lock, so a killed worker's job is taken over within seconds (8 to 16).
    const workerEnv = { ...env, BRANCHSCOPE_WORKER_LOCK_MS: '8000', BRANCHSCOPE_BACKEND: 'cpu' };
    workers = await Promise.all([startWorker(workerEnv), startWorker(workerEnv)]);
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await api?.stop();
    await redis?.stop();
    db?.remove();
  });

  it('runs svdFactors on a worker, records which one, keeps the result in the API store and reuses it', async () => {
    const args = { from: 'conv1', to: 'conv2', centered: false };
    const first = await alexnetSvd(api.url, args);
    const [job, ...others] = (await jobsOf(api.url)).filter((row) => sameArgs(row, args));
    expect(others).toEqual([]);
    expect(job).toMatchObject({ status: 'SUCCEEDED', error: null });
    expect(workers.map((worker) => worker.name)).toContain(job!.worker);
    expect(first.jobId).toBe(job!.id);
    expect(first.singularValues).toHaveLength(96);

    const second = await alexnetSvd(api.url, args);
    expect((await jobsOf(api.url)).filter((row) => sameArgs(row, args))).toHaveLength(1);
    expect(second).toEqual(first);
    // Both logs follow the job: the API's from the queue's events, the worker's from the handler it ran.
    const ran = workers.find((worker) => worker.name === job!.worker)!;
    expect(api.output()).toMatch(new RegExp(`info  job finished kind=svd-factors lane=quick id=${job!.id} .*result=succeeded ms=\\d+ worker=${job!.worker}`));
    expect(ran.output()).toMatch(new RegExp(`info  job finished kind=svd-factors lane=quick id=${job!.id} .*result=succeeded ms=\\d+`));
  });

  it('counts the workers by the backend they announced on /metrics, and the Redis queue as ok on /health', async () => {
    const backends = async () => {
      const text = await (await fetch(`${api.origin}/metrics`)).text();
      return text.split('\n').filter((line) => line.startsWith('branchscope_worker_backends{'));
    };
    await expect.poll(backends, { timeout: 10_000 }).toEqual(['branchscope_worker_backends{backend="ort+cpu",mode="redis"} 2']);
    const metrics = await (await fetch(`${api.origin}/metrics`)).text();
    expect(metrics).toMatch(/^branchscope_jobs_finished_total\{kind="svd-factors",status="succeeded"\} [1-9]/m);
    const health = await fetch(`${api.origin}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, status: 'ok', store: { ok: true }, queue: { ok: true, mode: 'redis' } });
  });

  it('streams the progress of a job run by a worker to a jobProgress subscriber', async () => {
    const args = { from: 'conv3', to: 'conv4', centered: false };
    const answer = alexnetSvd(api.url, args);
    answer.catch(() => undefined);
    let job: JobRow | undefined;
    for (let tries = 0; !job && tries < 500; tries++) {
      job = (await jobsOf(api.url)).find((row) => sameArgs(row, args));
      if (!job) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const query = 'subscription ($id: ID!) { jobProgress(id: $id) { status progress worker } }';
    const { values, errors } = await collectSubscription<{ jobProgress: { status: string; progress: number; worker: string | null } }>(api.url, query, { id: job!.id });
    await answer;
    expect(errors).toBeUndefined();
    const states = values.map((value) => value.jobProgress);
    states.slice(1).forEach((state, i) => expect(state.progress).toBeGreaterThanOrEqual(states[i]!.progress));
    expect(states.at(-1)?.status).toBe('SUCCEEDED');
    expect(workers.map((worker) => worker.name)).toContain(states.at(-1)?.worker);
  });

  it('imports an uploaded ONNX file on a worker, then computes its SVD there from the weights the API stored', async () => {
    const onnx = Buffer.from(smallAlexnetOnnx());
    const imported = await importAndWait(api.url, { name: 'Small AlexNet over Redis', format: 'ONNX', base64: onnx.toString('base64') });
    expect(imported).toMatchObject({ status: 'SUCCEEDED', error: null });
    const modelId = imported.model!.id;
    const svd = await svdFactors(api.url, { modelId, from: 'conv1', to: 'conv2', centered: false, components: 4 });
    expect(svd.singularValues).toHaveLength(Math.min(svd.rows, svd.cols));
    const rows = await jobsOf(api.url);
    const names = workers.map((worker) => worker.name);
    expect(names).toContain(rows.find((row) => row.id === imported.id)?.worker);
    expect(names).toContain(rows.find((row) => row.id === svd.jobId)?.worker);
    // The staged upload beside the database is gone once the import ended.
    expect(readdirSync(path.join(db.filesDir, 'uploads'))).toEqual([]);
  });

  it('drains the queue on the other worker when one is killed holding a job', async () => {
    const [victim, survivor] = workers as [RunningWorker, RunningWorker];
    // About a second of SVD each on an idle core, none blocking the event loop near half the 8 s lock.
    const pending: SvdArgs[] = [
      { from: 'conv2', to: 'conv3', centered: false },
      { from: 'conv2', to: 'conv3', centered: true },
      { from: 'conv4', to: 'conv5', centered: false },
      { from: 'conv4', to: 'conv5', centered: true },
      { from: 'conv1', to: 'conv2', centered: true },
    ];
    const answers = Promise.all(pending.map((args) => alexnetSvd(api.url, args)));
    answers.catch(() => undefined);
    // Freeze the victim while it holds a job, let events already sent land, then kill it: the job it held can
    // only be finished by the survivor.
    let held: JobRow[] = [];
    for (let tries = 0; held.length === 0; tries++) {
      if (tries > 400) throw new Error(`worker ${victim.name} never held a job:\n${victim.output()}`);
      if (!(await jobsOf(api.url)).some((row) => row.status === 'RUNNING' && row.worker === victim.name)) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      victim.pause();
      await new Promise((resolve) => setTimeout(resolve, 500));
      held = (await jobsOf(api.url)).filter((row) => row.status === 'RUNNING' && row.worker === victim.name);
      if (held.length === 0) victim.resume();
    }
    await victim.kill();

    const results = await answers;
    expect(results.map((svd) => svd.singularValues.length)).toEqual(results.map((svd) => Math.min(svd.rows, svd.cols)));
    expect(results.map((svd) => svd.centered)).toEqual(pending.map((args) => args.centered));
    const rows = await jobsOf(api.url);
    expect(pending.map((args) => rows.find((row) => sameArgs(row, args))?.status)).toEqual(pending.map(() => 'SUCCEEDED'));
    for (const job of held) expect(rows.find((row) => row.id === job.id)).toMatchObject({ status: 'SUCCEEDED', worker: survivor.name });
  });
});
