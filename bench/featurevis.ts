/**
 * Feature-visualization throughput, neuron-steps per second, for InceptionV1 (Lucid topology, seeded weights) up
 * to mixed3b at 128 px, batches of 1, 8 and 32 (one unit per image, the many-neurons recipe):
 *
 *   ort      the model part (a gradient graph generated from the model's graph) and the Fourier parameterization
 *            with colour decorrelation in onnxruntime-node, FV_THREADS intra-op threads (default one per core); the
 *            warps and Adam in TF.js;
 *   torch    PyTorch on the CPU, the same recipe on the same graph and weights with the same threads
 *            (bench/peers/featurevis_torch.py under Debian's /usr/bin/python3; skipped with the reason where
 *            torch cannot be had);
 *   wasm     the TF.js wasm engine of `renderFeatures`, as a baseline (fewer batches and runs: it is slow);
 *   split    item 5 of issue 11: the batch split across two processes, each one ORT thread, started together.
 *
 * ort and torch alternate run by run (interleaved), each figure the median of FV_RUNS runs, each run FV_STEPS
 * timed steps after one untimed step (steps without the ReLU redirect, as steps 17.. of a render), in wall-clock
 * neuron-steps per second and per CPU-second of each process (with FV_THREADS=1 the CPU figure is what a core
 * would give alone, a fair comparison on a machine others are loading; with more threads it counts spinning
 * threads too), with the load average before and after each row. Also printed:
 * a topology check (torch's and TF.js's mixed3b activations for one input), the cost of the inverse FFT's
 * gradient with transposed matMuls against stored transposes (tfjs-wasm), and the time a whole 480-unit layer
 * would take at 512 steps.
 *
 * Run from the repository root: `npx tsx bench/featurevis.ts` (about 8 minutes on 2 busy cores), or
 * `npx tsx bench/featurevis.ts --quick` (batches 1 and 8, one run, about 2 minutes).
 * Environment: FV_BATCHES=1,8,32, FV_STEPS, FV_RUNS, FV_THREADS, BENCH_PYTHON=/usr/bin/python3.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import * as tf from '@tensorflow/tfjs-core';
import { inceptionV1Graph } from '@branchscope/core';
import { featureModelFromExecutable, ortGradientFeatureModel, renderFeatures, renderFeaturesWithGradients, type GradientFeatureModel } from '@branchscope/featurevis';
import { coreCount } from '@branchscope/ort-engine';
import { buildExecutable, initBackend, seededWeights } from '@branchscope/runtime';
import { startTorchPeer, type TorchPeer } from './peers/torch-peer';
import { writeTorchGraph } from './peers/write-torch-graph';

const SIZE = 128;
const LAYER = 'mixed3b';
const LAYER_UNITS = 480;
const quick = process.argv.includes('--quick');
const child = process.argv.includes('--child');
const batches = (process.env.FV_BATCHES ?? (quick ? '1,8' : '1,8,32')).split(',').map(Number);
const steps = Number(process.env.FV_STEPS ?? (quick ? 2 : 4));
const runs = Number(process.env.FV_RUNS ?? (quick ? 1 : 3));
const threads = Number(process.env.FV_THREADS ?? coreCount());
const wasmBatches = quick ? [1] : [1, 8];

const graph = inceptionV1Graph();
const weights = seededWeights(graph, 0);
const base = { inputSize: SIZE, channels: 3, inputRange: graph.inputRange, layer: LAYER, seed: 1, reluRedirectSteps: 0 } as const;
const unitsOf = (batch: number, offset = 0) => Array.from({ length: batch }, (_, i) => (offset + i * 7) % LAYER_UNITS);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Wall and process-CPU seconds of the steps after the first (untimed) step of a render, read from onStep. */
async function stepTimes(render: (onStep: (step: number) => void) => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  let start = 0;
  let end = 0;
  let cpuStart = process.cpuUsage();
  let cpu = { user: 0, system: 0 };
  await render((step) => {
    if (step === 0) [start, cpuStart] = [performance.now(), process.cpuUsage()];
    end = performance.now();
    cpu = process.cpuUsage(cpuStart);
  });
  return { wall: (end - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}
const stepSeconds = async (render: (onStep: (step: number) => void) => Promise<unknown>) => (await stepTimes(render)).wall;

const ortTimes = (model: GradientFeatureModel, units: number[]) =>
  stepTimes((onStep) => renderFeaturesWithGradients({ ...base, model, units, steps: steps + 1, onStep }));
const ortSeconds = async (model: GradientFeatureModel, units: number[]) => (await ortTimes(model, units)).wall;

if (child) {
  // One half of a split batch: waits for `{batch, offset}`, warms up, says ready, renders on `go`.
  await initBackend(['wasm'], { log: () => {} });
  const model = await ortGradientFeatureModel(graph, weights, { layers: [LAYER], inputShape: [3, SIZE, SIZE], threads: 1 });
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  for (;;) {
    const { value, done } = await lines.next();
    if (done) break;
    const { batch, offset } = JSON.parse(value) as { batch: number; offset: number };
    await renderFeaturesWithGradients({ ...base, model, units: unitsOf(batch, offset), steps: 1 });
    console.log(JSON.stringify({ ready: true }));
    await lines.next();
    console.log(JSON.stringify({ seconds: await ortSeconds(model, unitsOf(batch, offset)) }));
  }
  model.dispose();
  process.exit(0);
}

/** Two child processes, one ORT thread each; `render(batch)` splits the batch between them and times the slower. */
function startSplit() {
  const children = [0, 1].map(() => {
    const proc = spawn(process.execPath, [...process.execArgv, process.argv[1]!, '--child'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
    const next = async () => JSON.parse((await lines.next()).value as string) as { seconds?: number };
    return { proc, next };
  });
  return {
    async render(batch: number): Promise<number> {
      const halves = [Math.ceil(batch / 2), Math.floor(batch / 2)];
      const active = children.filter((_, i) => halves[i]! > 0);
      active.forEach((c, i) => c.proc.stdin.write(JSON.stringify({ batch: halves[i], offset: i * 3 }) + '\n'));
      await Promise.all(active.map((c) => c.next()));
      active.forEach((c) => c.proc.stdin.write('go\n'));
      const seconds = await Promise.all(active.map((c) => c.next()));
      return Math.max(...seconds.map((s) => s.seconds!));
    },
    close: () => children.forEach((c) => c.proc.stdin.end()),
  };
}

const started = performance.now();
const backend = await initBackend(['wasm'], { log: () => {} });
const folder = mkdtempSync(path.join(os.tmpdir(), 'bench-featurevis-'));
writeTorchGraph(folder, graph, weights, LAYER, SIZE);
const peer: TorchPeer | string = await startTorchPeer(folder, threads);
const ort = await ortGradientFeatureModel(graph, weights, { layers: [LAYER], inputShape: [3, SIZE, SIZE], threads });
const executable = buildExecutable(graph, weights);
console.log(`InceptionV1 to ${LAYER}, ${SIZE} px, seeded weights; ${steps} timed steps per run after one untimed, median of ${runs} runs, ort and torch interleaved`);
console.log(`ort: onnxruntime-node, ${threads} intra-op threads, recipe on TF.js ${backend}; torch: ${typeof peer === 'string' ? `skipped (${peer})` : peer.version}; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);

// The peer runs the same topology: its activations for one input against the TF.js executor's.
if (typeof peer !== 'string') {
  const dims = [1, 3, SIZE, SIZE];
  const input = Float32Array.from({ length: 3 * SIZE * SIZE }, (_, i) => 100 * Math.sin(i * 0.01));
  writeFileSync(path.join(folder, 'input.bin'), Buffer.from(input.buffer));
  const theirs = await peer.check('input.bin', dims);
  const ours = tf.tidy(() => {
    const out = executable.predict(tf.tensor4d(input, [1, 3, SIZE, SIZE]).transpose([0, 2, 3, 1]) as tf.Tensor4D, [LAYER]);
    return tf.abs(out[LAYER]!).sum().dataSync()[0]!;
  });
  console.log(`topology check: |${LAYER}| summed, torch ${theirs.abs.toExponential(6)} vs TF.js ${ours.toExponential(6)} (relative difference ${(Math.abs(theirs.abs - ours) / ours).toExponential(1)}), torch shape [${theirs.dims.join(', ')}]`);
}

const split = startSplit();
const rows: string[] = [];
const rateOf = (batch: number, seconds: number) => (batch * steps) / seconds;
const fmt = (v: number | undefined, width = 10) => (v === undefined ? '-' : v.toFixed(1)).padStart(width);
let bestRate = 0;
console.log('\nbatch  ort n-steps/s  torch n-steps/s  ort/torch  wasm n-steps/s  ort/wasm  split 2x1 n-steps/s  split/ort  | per CPU-second: ort  torch  ort/torch');
for (const batch of batches) {
  const [o, t, s, oc, tc]: number[][] = [[], [], [], [], []];
  // Warm-ups for this batch size: first-call allocations are not timed on either side.
  await ortSeconds(ort, unitsOf(batch));
  if (typeof peer !== 'string') await peer.render(batch, 1);
  const load = os.loadavg()[0]!;
  for (let run = 0; run < runs; run++) {
    const mine = await ortTimes(ort, unitsOf(batch));
    [o, oc].forEach((xs, i) => xs.push(i ? mine.cpu : mine.wall));
    if (typeof peer !== 'string') {
      const theirs = await peer.render(batch, steps);
      [t, tc].forEach((xs, i) => xs.push(i ? theirs.cpu : theirs.wall));
    }
    if (batch > 1) s.push(await split.render(batch));
  }
  let wasm: number | undefined;
  if (wasmBatches.includes(batch)) {
    const model = featureModelFromExecutable(executable);
    // Two timed steps after one untimed: the wasm engine is slow.
    wasm = (batch * 2) / (await stepSeconds((onStep) => renderFeatures({ ...base, model, units: unitsOf(batch), steps: 3, onStep })));
  }
  const ortRate = rateOf(batch, median(o));
  const torchRate = t.length ? rateOf(batch, median(t)) : undefined;
  const splitRate = s.length ? rateOf(batch, median(s)) : undefined;
  bestRate = Math.max(bestRate, ortRate, splitRate ?? 0);
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}x` : '-');
  const [ortCpu, torchCpu] = [rateOf(batch, median(oc)), tc.length ? rateOf(batch, median(tc)) : undefined];
  const row = `${String(batch).padStart(5)}  ${fmt(ortRate, 13)}  ${fmt(torchRate, 15)}  ${ratio(ortRate, torchRate).padStart(9)}  ${fmt(wasm, 14)}  ${ratio(ortRate, wasm).padStart(8)}  ${fmt(splitRate, 19)}  ${ratio(splitRate, ortRate).padStart(9)}  |  ${fmt(ortCpu, 17)}  ${fmt(torchCpu, 5)}  ${ratio(ortCpu, torchCpu).padStart(9)}`;
  rows.push(row);
  console.log(`${row}   (load ${load.toFixed(1)} -> ${os.loadavg()[0]!.toFixed(1)})`);
}
split.close();

// The inverse FFT's gradient at batch 32: tfjs-wasm's transposed matMul (a scalar loop) vs a stored transpose.
const timeIt = (f: () => tf.Tensor) => {
  f().dispose();
  const times = [0, 1, 2].map(() => {
    const s = performance.now();
    const r = f();
    r.dataSync();
    r.dispose();
    return performance.now() - s;
  });
  return median(times);
};
const [a, x] = [tf.randomNormal([SIZE, SIZE], 0, 1, 'float32', 1), tf.randomNormal([SIZE, 32 * 3 * (SIZE / 2 + 1)], 0, 1, 'float32', 2)];
const aT = tf.transpose(a);
console.log(`\ninverse FFT gradient, one [${SIZE}x${SIZE}]^T x [${SIZE}x${x.shape[1]}] product (batch 32) on ${backend}: transposed matMul ${timeIt(() => tf.matMul(a, x, true, false)).toFixed(1)} ms, stored transpose ${timeIt(() => tf.matMul(aT, x)).toFixed(1)} ms (the render uses the stored one)`);
tf.dispose([a, x, aT]);

const layerSeconds = (LAYER_UNITS * 512) / bestRate;
console.log(`whole layer: ${LAYER}'s ${LAYER_UNITS} units at 512 steps would take ${(layerSeconds / 60).toFixed(0)} min at the best rate above (${bestRate.toFixed(1)} neuron-steps/s)`);
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (typeof peer !== 'string') peer.close();
ort.dispose();
executable.dispose();
rmSync(folder, { recursive: true, force: true });
