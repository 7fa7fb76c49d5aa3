/**
 * Time for a whole layer: a `renderLayer` job (InceptionV1 mixed3b, 480 units, 128 px) through a real API process
 * and its worker pool, on a temp database. The whole layer at 512 steps takes long on a small machine, so the bench
 * times the job's first batches (units stored, read from the job's per-unit progress) and extrapolates linearly to
 * all units, and, with `--steps N`, from N steps to the recipe's 512 (the cost per step does not depend on the step);
 * it says which figures are measured and which extrapolated, then cancels the job.
 *
 *   npx tsx bench/render-layer.ts                 # 512 steps, times the first 2 batches (16 units)
 *   npx tsx bench/render-layer.ts --steps 64      # 64 steps, extrapolated to 512
 *   npx tsx bench/render-layer.ts --batches 1
 *   npx tsx bench/render-layer.ts --batches 60    # the whole layer (60 batches of 8), measured end to end
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`bench/render-layer: --${name} must be a positive integer`);
  return value;
};
const RECIPE_STEPS = 512;
const steps = arg('steps', RECIPE_STEPS);
const batches = arg('batches', 2);
const BATCH_UNITS = 8;
const LAYER_UNITS = 480;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const dir = mkdtempSync(path.join(tmpdir(), 'branchscope-layer-'));
const child = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], {
  cwd: REPO_ROOT,
  env: { ...process.env, BRANCHSCOPE_API_PORT: '0', BRANCHSCOPE_DB: path.join(dir, 'b.db') },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout!.on('data', (chunk: Buffer) => void (output.length < 200_000 && (output += chunk.toString())));
child.stderr!.on('data', (chunk: Buffer) => void (output.length < 200_000 && (output += chunk.toString())));

async function graphql<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return body.data;
}

try {
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /api listening on (http:\/\/\S+)/.exec(output);
      if (match) (clearInterval(timer), resolve(match[1]!));
    }, 50);
    child.once('exit', (code) => (clearInterval(timer), reject(new Error(`the API exited with code ${code}:\n${output}`))));
  });
  const { renderLayer: job } = await graphql<{ renderLayer: { id: string; status: string } }>(
    url,
    `mutation { renderLayer(modelId: "inceptionv1", layer: "mixed3b", steps: ${steps}, size: 128) { id status } }`,
  );
  // Progress is 0.95 x the share of units stored once a batch ends; a batch's end is when its units are kept.
  const unitsDone = (progress: number) => Math.round((progress / 0.95) * LAYER_UNITS);
  let startedAt: number | undefined;
  const batchEnds: number[] = [];
  let succeededAt: number | undefined;
  for (;;) {
    const { job: now } = await graphql<{ job: { status: string; progress: number; error: string | null } }>(url, 'query ($id: ID!) { job(id: $id) { status progress error } }', { id: job.id });
    if (now.status === 'FAILED' || now.status === 'CANCELLED') throw new Error(`the render-layer job ended ${now.status}: ${now.error}`);
    if (now.status === 'RUNNING' && startedAt === undefined) startedAt = performance.now();
    const done = unitsDone(now.progress);
    while (startedAt !== undefined && done >= (batchEnds.length + 1) * BATCH_UNITS && batchEnds.length < batches) batchEnds.push(performance.now());
    if (now.status === 'SUCCEEDED') succeededAt = performance.now();
    if (now.status === 'SUCCEEDED' || (batchEnds.length >= batches && batches * BATCH_UNITS < LAYER_UNITS)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await graphql(url, 'mutation ($id: ID!) { cancelJob(id: $id) { status } }', { id: job.id }).catch(() => undefined);
  // From the first batch's end when there are two or more: the first batch also pays for the engine's start
  // (the model's gradient graph built and loaded), which a whole layer pays once.
  const from = batchEnds.length >= 2 ? batchEnds[0]! : startedAt!;
  const seconds = (batchEnds.at(-1)! - from) / 1000;
  const units = (batchEnds.length >= 2 ? batchEnds.length - 1 : 1) * BATCH_UNITS;
  const engineLine = /render-features renders on[^\n]*/.exec(output)?.[0]?.trim();
  const perUnit = seconds / units;
  const layerSeconds = perUnit * LAYER_UNITS * (RECIPE_STEPS / steps);
  console.log(`render-layer: InceptionV1 mixed3b, 128 px, ${steps} steps, worker pool defaults; load average ${loadavg()[0]!.toFixed(1)}`);
  if (engineLine) console.log(`  worker: ${engineLine}`);
  console.log(
    `  measured: ${units} units in ${seconds.toFixed(1)} s (${batchEnds.length >= 2 ? 'batches after the first' : 'the first batch, engine start included'}), ${perUnit.toFixed(2)} s a unit, ` +
      `${((units * steps) / seconds).toFixed(1)} neuron-steps/s; batch ends at ${batchEnds.map((t) => ((t - startedAt!) / 1000).toFixed(1)).join(', ')} s after the start`,
  );
  if (succeededAt !== undefined && steps === RECIPE_STEPS) {
    console.log(`  whole layer measured: the job ran from RUNNING to SUCCEEDED in ${((succeededAt - startedAt!) / 60_000).toFixed(1)} min (engine start included); goal under 60 min: ${succeededAt - startedAt! < 3_600_000 ? 'met' : 'not met'}`);
  }
  console.log(
    `  extrapolated: all ${LAYER_UNITS} units at ${RECIPE_STEPS} steps in ${(layerSeconds / 60).toFixed(1)} min` +
      `${steps === RECIPE_STEPS ? '' : ` (scaled from ${steps} steps)`}; goal under 60 min: ${layerSeconds < 3600 ? 'met' : 'not met'}`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
