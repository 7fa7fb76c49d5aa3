import { openStore, type Store } from '@branchscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followJob, type Answer } from '../support/follow-answer';
import { postGraphql } from '../support/graphql';
import { startApi, tempDbPath, type RunningApi } from '../support/start-api';
import { collectSubscription } from '../support/subscribe';
import { SVD_QUERY } from './svd-queries';

interface GraphqlAnswer {
  status: number;
  requestId: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** The value of one sample in Prometheus' text format, by metric name and exact labels; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.keys(found).length === Object.keys(labels).length && Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('API: request ids, masked unexpected errors, /health and /metrics', () => {
  let api: RunningApi;
  let db: ReturnType<typeof tempDbPath>;
  let store: Store | undefined;
  beforeAll(async () => {
    db = tempDbPath();
    api = await startApi({ dbPath: db.dbPath, env: { BRANCHSCOPE_LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    await store?.close();
    await api?.stop();
    db?.remove();
  });

  const ask = async (query: string, options: { operationName?: string; variables?: object; requestId?: string } = {}): Promise<GraphqlAnswer> => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.requestId !== undefined ? { 'x-request-id': options.requestId } : {}) },
      body: JSON.stringify({ query, operationName: options.operationName, variables: options.variables }),
    });
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as GraphqlAnswer['body'] };
  };
  const metrics = async (): Promise<string> => {
    const response = await fetch(`${api.origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  /** The server's log lines so far that mention `text`. */
  const logLines = (text: string): string[] => api.output().split('\n').filter((line) => line.includes(text));
  /** Lines are written as answers go out; give the child's output a moment to arrive. */
  const logged = async (text: string, count = 1): Promise<string[]> => {
    await expect.poll(() => logLines(text).length, { timeout: 5000 }).toBeGreaterThanOrEqual(count);
    return logLines(text);
  };

  it('gives every request an id: a new UUID, or the sane one the caller sent, in the header and the log line', async () => {
    const fresh = await ask('query Ids { models { id } }');
    expect(fresh.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await logged(`request_id=${fresh.requestId} method=POST op=Ids`)).toHaveLength(1);

    const kept = await ask('query Ids { models { id } }', { requestId: 'lb-7f3a.trace:01' });
    expect(kept.requestId).toBe('lb-7f3a.trace:01');
    expect(await logged('request_id=lb-7f3a.trace:01 method=POST op=Ids')).toHaveLength(1);

    for (const insane of ['has space', 'quote"d', 'x'.repeat(129), '-leading-dash']) {
      const replaced = await ask('{ models { id } }', { requestId: insane });
      expect(replaced.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const health = await fetch(`${api.origin}/health`, { headers: { 'x-request-id': 'probe-1' } });
    expect(health.headers.get('x-request-id')).toBe('probe-1');
  });

  it('answers /health with the store and the queue ok', async () => {
    const response = await fetch(`${api.origin}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, status: 'ok', store: { ok: true }, queue: { ok: true, mode: 'in-process' } });
  });

  it('counts requests by operation and status, jobs by kind and status, and shows queue depth, backends and process metrics', async () => {
    const before = await metrics();
    const count = (text: string, operation: string, status: string) =>
      sample(text, 'branchscope_graphql_request_duration_seconds_count', { operation, status }) ?? 0;

    for (let i = 0; i < 3; i++) expect((await ask('query MetricsModels { models { id } }')).body.errors).toBeUndefined();
    const missing = await ask('query MetricsMissing($from: String!) { svdFactors(modelId: "vgg16", from: $from, to: "conv2") { result { rows } } }', { variables: { from: 'conv1' } });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const svd = await ask(SVD_QUERY, { variables: { modelId: 'small-alexnet-2b', from: 'conv1', to: 'conv2', centered: false, components: 2 } });
    expect(svd.body.errors).toBeUndefined();
    const svdJob = (svd.body.data as { svdFactors: Answer<unknown> }).svdFactors.job;
    if (svdJob) await followJob(api.url, svdJob);

    const after = await metrics();
    expect(count(after, 'MetricsModels', 'ok') - count(before, 'MetricsModels', 'ok')).toBe(3);
    expect(count(after, 'MetricsMissing', 'NOT_FOUND')).toBe(1);
    expect(count(after, 'Svd', 'ok') - count(before, 'Svd', 'ok')).toBe(1);
    expect(sample(after, 'branchscope_graphql_request_duration_seconds_bucket', { operation: 'Svd', status: 'ok', le: '+Inf' })).toBeGreaterThanOrEqual(1);

    expect(sample(after, 'branchscope_jobs_finished_total', { kind: 'svd-factors', status: 'succeeded' })).toBe(1);
    expect(sample(after, 'branchscope_jobs_finished_total', { kind: 'svd-factors', status: 'failed' })).toBe(0);
    expect(sample(after, 'branchscope_job_duration_seconds_count', { kind: 'svd-factors', status: 'succeeded' })).toBe(1);
    expect(sample(after, 'branchscope_jobs', { kind: 'svd-factors', status: 'queued' })).toBe(0);
    expect(sample(after, 'branchscope_jobs', { kind: 'svd-factors', status: 'running' })).toBe(0);
    expect(sample(after, 'branchscope_queue_depth', { lane: 'quick', kind: 'svd-factors' })).toBe(0);
    expect(sample(after, 'branchscope_queue_depth', { lane: 'render', kind: 'render-features' })).toBe(0);
    expect(after).toMatch(/^branchscope_worker_backends\{backend="(ort\+)?(node-gpu|node|wasm|cpu)",mode="in-process"\} 1$/m);
    expect(sample(after, 'process_cpu_seconds_total', {})).toBeGreaterThan(0);
    expect(sample(after, 'process_resident_memory_bytes', {})).toBeGreaterThan(0);
  });

  it('masks an unexpected error (a store broken under the server): generic message and code, the request id in answer and log', async () => {
    // A real failure, not a mock: another connection moves the jobs table away under the running server.
    store = openStore(db.dbPath);
    await store.db.schema.alterTable('jobs').renameTo('jobs_moved_away').execute();

    const answer = await ask('query BrokenJobs { jobs { id status } }', { requestId: 'test-unexpected-1' });
    expect(answer.requestId).toBe('test-unexpected-1');
    expect(answer.body.errors).toHaveLength(1);
    const error = answer.body.errors![0]!;
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'test-unexpected-1' });
    expect(error.message).toBe('internal server error: its cause is in the server log under this requestId');
    expect(JSON.stringify(answer.body)).not.toMatch(/no such table|SqliteError|at .*\.ts/);

    const [line] = await logged('unexpected error request_id=test-unexpected-1');
    expect(line).toMatch(/ error unexpected error request_id=test-unexpected-1 op=BrokenJobs path=jobs stack="SqliteError: no such table: jobs\\n +at /);
    const [requestLine] = await logged('graphql request request_id=test-unexpected-1');
    expect(requestLine).toMatch(/ error graphql request request_id=test-unexpected-1 method=POST op=BrokenJobs .* status=INTERNAL_SERVER_ERROR /);

    // Over WebSocket the same: masked, with the subscription's own id, which names the logged line.
    const subscription = await collectSubscription(api.url, 'subscription Follow($id: ID!) { jobProgress(id: $id) { status } }', { id: 'any-job' });
    const wsError = subscription.errors?.[0];
    expect(wsError?.message).toBe('internal server error: its cause is in the server log under this requestId');
    expect(wsError?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const [wsLine] = await logged(`unexpected error request_id=${String(wsError?.extensions?.requestId)}`);
    expect(wsLine).toMatch(/ op=Follow path=jobProgress transport=websocket stack="SqliteError: no such table: jobs/);

    // Deliberate errors keep their code and message, with no request id added.
    const missing = await ask(SVD_QUERY, { variables: { modelId: 'vgg16', from: 'conv1', to: 'conv2', centered: false, components: 2 } });
    expect(missing.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(missing.body.errors?.[0]?.message).toMatch(/^no model with id 'vgg16'/);
  });

  it('reports the broken store on /health as degraded with the reason, and ok again once it is repaired', async () => {
    const degraded = await fetch(`${api.origin}/health`);
    expect(degraded.status).toBe(503);
    const body = (await degraded.json()) as { ok: boolean; status: string; store: { ok: boolean; reason?: string }; queue: { ok: boolean } };
    expect(body).toMatchObject({ ok: false, status: 'degraded', store: { ok: false }, queue: { ok: true, mode: 'in-process' } });
    expect(body.store.reason).toMatch(/^the store at .*branchscope\.db cannot be read: no such table: jobs$/);
    // /metrics still answers, without the job gauges it could not count.
    const text = await metrics();
    expect(sample(text, 'branchscope_graphql_request_duration_seconds_count', { operation: 'BrokenJobs', status: 'INTERNAL_SERVER_ERROR' })).toBe(1);
    expect(sample(text, 'branchscope_queue_depth', { lane: 'quick', kind: 'svd-factors' })).toBeUndefined();

    await store!.db.schema.alterTable('jobs_moved_away').renameTo('jobs').execute();
    const healthy = await fetch(`${api.origin}/health`);
    expect(healthy.status).toBe(200);
    expect(((await healthy.json()) as { status: string }).status).toBe('ok');
    expect(sample(await metrics(), 'branchscope_queue_depth', { lane: 'quick', kind: 'svd-factors' })).toBe(0);
  });
});
