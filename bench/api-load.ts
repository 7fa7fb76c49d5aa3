/**
 * Throughput and latency of a layer query under a bounded loopback load: autocannon, 200 connections for 30 s, on
 * a real API process (a temp database, the built-in AlexNet), asking `svdFactors(alexnet, conv1 → conv2)` with its
 * 96 units' factors (a stored result read from the database). Measured idle, then while a `renderLayer` job
 * (InceptionV1 mixed3b, 480 units) runs in the worker pool, which is cancelled afterwards. Prints requests/s, p50,
 * p99 and errors side by side; an error is a connection error, a timeout, a non-2xx answer or a body that is not
 * `{ data }` without `errors`.
 *
 *   npx tsx bench/api-load.ts                                  # 200 connections, 30 s each
 *   npx tsx bench/api-load.ts --connections 50 --seconds 5     # a shorter run
 *   npx tsx bench/api-load.ts --timeout 40                     # a request unanswered after 40 s is an error (10 s by default)
 *   npx tsx bench/api-load.ts --log-level info                 # the API's default log level (one line a request)
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { graphql, startApiProcess } from './support/api-process';

const flag = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1]! : fallback;
};
const positive = (name: string, fallback: number): number => {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1) throw new Error(`bench/api-load: --${name} must be a positive integer, got '${flag(name, '')}'`);
  return value;
};
const connections = positive('connections', 200);
const seconds = positive('seconds', 30);
const timeoutSeconds = positive('timeout', 10);
const logLevel = flag('log-level', 'warn');

const LAYER_QUERY = `{ svdFactors(modelId: "alexnet", from: "conv1", to: "conv2", components: 2) {
  result { singularValues explainedVariance fromUnits { unit factors branch } }
  job { id status }
} }`;
const RENDER = 'mutation { renderLayer(modelId: "inceptionv1", layer: "mixed3b", steps: 512, size: 128) { id status } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function jobStatus(url: string, id: string): Promise<{ status: string; error: string | null }> {
  return (await graphql<{ job: { status: string; error: string | null } }>(url, 'query ($id: ID!) { job(id: $id) { status error } }', { id })).job;
}

/** Asks the layer query until its result is stored (the first ask queues the SVD job). */
async function warm(url: string): Promise<number> {
  for (let tries = 0; ; tries += 1) {
    const { svdFactors } = await graphql<{ svdFactors: { result: { fromUnits: unknown[] } | null; job: { id: string; status: string } | null } }>(url, LAYER_QUERY);
    if (svdFactors.result) return svdFactors.result.fromUnits.length;
    if (svdFactors.job?.status === 'FAILED') throw new Error(`the svdFactors job ${svdFactors.job.id} failed: ${(await jobStatus(url, svdFactors.job.id)).error}`);
    if (tries > 1200) throw new Error('the svdFactors result was not stored within 2 minutes');
    await sleep(100);
  }
}

/** A response body counts only when it is GraphQL data without errors. */
const goodBody = (body: string | Buffer | undefined): boolean => {
  if (body === undefined) return false;
  try {
    const parsed = JSON.parse(body.toString()) as { data?: { svdFactors?: { result?: unknown } }; errors?: unknown[] };
    return !parsed.errors && Boolean(parsed.data?.svdFactors?.result);
  } catch {
    return false;
  }
};

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  detail: string;
}

async function load(url: string): Promise<Load> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LAYER_QUERY }),
    connections,
    duration: seconds,
    timeout: timeoutSeconds,
    verifyBody: goodBody,
  });
  // autocannon's `errors` counts connection errors and timeouts alike.
  const errors = result.errors + result.non2xx + result.mismatches;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors,
    detail: `connection errors ${result.errors} (timeouts ${result.timeouts} of them, unanswered after ${timeoutSeconds} s), non-2xx ${result.non2xx}, bad bodies ${result.mismatches}`,
  };
}

const step = (message: string) => console.error(`api-load: ${message}`);
step('starting the API');
const api = await startApiProcess({ BRANCHSCOPE_LOG_LEVEL: logLevel });
try {
  step(`API at ${api.url}; computing the SVD result the load asks for`);
  const units = await warm(api.url);
  step('warming up for 3 s');
  // Warm-up: the JIT, the statement cache and the connections' first requests, not measured.
  await autocannon({ url: api.url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LAYER_QUERY }), connections, duration: 3 });
  console.log(
    `api-load: svdFactors(alexnet, conv1 → conv2) with ${units} units, ${connections} connections, ${seconds} s each, ${timeoutSeconds} s timeout, API log level ${logLevel}; ` +
      `load average ${loadavg()[0]!.toFixed(1)} before`,
  );
  const idle = await load(api.url);

  const { renderLayer: job } = await graphql<{ renderLayer: { id: string } }>(api.url, RENDER);
  for (let tries = 0; (await jobStatus(api.url, job.id)).status !== 'RUNNING'; tries += 1) {
    if (tries > 600) throw new Error(`the render-layer job ${job.id} did not start within a minute: ${JSON.stringify(await jobStatus(api.url, job.id))}`);
    await sleep(100);
  }
  const busy = await load(api.url);
  const after = await jobStatus(api.url, job.id);
  await graphql(api.url, 'mutation ($id: ID!) { cancelJob(id: $id) { status } }', { id: job.id }).catch(() => undefined);

  const row = (label: string, pick: (l: Load) => string) => `${label.padEnd(14)}${pick(idle).padStart(12)}${pick(busy).padStart(22)}`;
  console.log(`${''.padEnd(14)}${'idle'.padStart(12)}${'render running'.padStart(22)}`);
  console.log(row('requests/s', (l) => l.requestsPerSecond.toFixed(0)));
  console.log(row('p50 (ms)', (l) => l.p50.toFixed(0)));
  console.log(row('p99 (ms)', (l) => l.p99.toFixed(0)));
  console.log(row('max (ms)', (l) => l.max.toFixed(0)));
  console.log(row('requests', (l) => String(l.requests)));
  console.log(row('errors', (l) => String(l.errors)));
  for (const [label, l] of [['idle', idle], ['render running', busy]] as const) if (l.errors > 0) console.log(`  ${label}: ${l.detail}`);
  console.log(`  the render-layer job (InceptionV1 mixed3b, 480 units, 128 px) was ${after.status} at the end of the loaded run; load average ${loadavg()[0]!.toFixed(1)} after`);
  if (after.status !== 'RUNNING') console.log('  note: the render did not run for the whole loaded run');
} finally {
  await api.stop();
}
