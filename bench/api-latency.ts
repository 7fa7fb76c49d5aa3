/**
 * Latency of a cheap query (`{ models { id } }`) on a real API process, idle and while a 32-unit feature render
 * runs, with the jobs in the worker pool (the default) and, as the baseline in the same run, on the API's own
 * event loop (`BRANCHSCOPE_WORKERS=0`, how every job ran before the pool). Each API is a child process on a temp
 * database; the render is cancelled once sampled. Prints p50 and p99 in ms. Goal: p99 under 20 ms during the render.
 *
 *   npx tsx bench/api-latency.ts            # InceptionV1 mixed3b, 32 units, 128 px; 300 idle queries, 20 s of render
 *   npx tsx bench/api-latency.ts --quick    # small-alexnet-2b conv2, 32 units, 64 px; 100 idle queries, 8 s
 */
import { graphql, startApiProcess } from './support/api-process';

const quick = process.argv.includes('--quick');
const render = quick
  ? { modelId: 'small-alexnet-2b', layer: 'conv2', size: 64, steps: 512 }
  : { modelId: 'inceptionv1', layer: 'mixed3b', size: 128, steps: 512 };
const IDLE_QUERIES = quick ? 100 : 300;
const RENDER_SAMPLE_MS = quick ? 8_000 : 20_000;

/** Milliseconds each `{ models { id } }` took, asked one after another. */
async function sample(url: string, until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (until()) {
    const start = performance.now();
    await graphql(url, '{ models { id } }');
    times.push(performance.now() - start);
  }
  return times;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms (n ${values.length})`;

async function measure(label: string, env: Record<string, string>): Promise<{ idle: number[]; busy: number[] }> {
  // The API's default log level (a line per request), as users run it.
  const api = await startApiProcess({ BRANCHSCOPE_LOG_LEVEL: 'info', ...env });
  try {
    for (let i = 0; i < 20; i += 1) await graphql(api.url, '{ models { id } }'); // warm-up
    let asked = 0;
    const idle = await sample(api.url, () => asked++ < IDLE_QUERIES);
    const units = Array.from({ length: 32 }, (_, unit) => unit);
    const answer = await graphql<{ featureImages: { job: { id: string } | null } }>(
      api.url,
      `query ($units: [Int!]!) { featureImages(modelId: "${render.modelId}", layer: "${render.layer}", units: $units, steps: ${render.steps}, size: ${render.size}) { job { id } } }`,
      { units },
    );
    const jobId = answer.featureImages.job?.id;
    if (!jobId) throw new Error('the render answered without a job');
    // Sample only once the render runs.
    for (let i = 0; ; i += 1) {
      const { job } = await graphql<{ job: { status: string } | null }>(api.url, 'query ($id: ID!) { job(id: $id) { status } }', { id: jobId });
      if (job?.status === 'RUNNING') break;
      if (i > 600) throw new Error(`the render job ${jobId} did not start: ${job?.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const end = performance.now() + RENDER_SAMPLE_MS;
    const busy = await sample(api.url, () => performance.now() < end);
    const { job } = await graphql<{ job: { status: string } | null }>(api.url, 'query ($id: ID!) { job(id: $id) { status } }', { id: jobId });
    if (job?.status !== 'RUNNING') console.log(`  note (${label}): the render was ${job?.status} at the end of sampling, not RUNNING`);
    await graphql(api.url, 'mutation ($id: ID!) { cancelJob(id: $id) { status } }', { id: jobId }).catch((error: Error) => console.log(`  note: cancelJob: ${error.message}`));
    console.log(`${label.padEnd(34)} idle: ${summary(idle)}; during the render: ${summary(busy)}`);
    return { idle, busy };
  } finally {
    await api.stop();
  }
}

console.log(`api-latency: { models { id } } one after another; render: ${render.modelId} ${render.layer}, 32 units, ${render.size} px, ${render.steps} steps`);
const pool = await measure('worker pool (default)', {});
const onThread = await measure('on the API thread (BRANCHSCOPE_WORKERS=0)', { BRANCHSCOPE_WORKERS: '0' });
const p99 = percentile(pool.busy, 99);
console.log(
  `p99 during the render: ${p99.toFixed(1)} ms with the pool vs ${percentile(onThread.busy, 99).toFixed(1)} ms on the API thread ` +
    `(${(percentile(onThread.busy, 99) / p99).toFixed(1)}x); goal under 20 ms: ${p99 < 20 ? 'met' : 'not met'}`,
);
