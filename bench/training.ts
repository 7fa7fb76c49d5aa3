/**
 * Training throughput of @branchscope/nn's `train` for the 2-branch small AlexNet at its 32 px input, on the
 * wasm backend (with the conv gradient kernels we register) and on the pure-JS cpu backend, in one run;
 * then the speedup of our wasm `Conv2DBackpropInput` over the stock one, per conv shape and per training step.
 *
 * Run from packages/nn:
 *   npx tsx bench/training.ts                 # wasm: batch 32, 6 batches per run, 5 runs; cpu: batch 4, 3 runs
 *   npx tsx bench/training.ts 16 4 3          # BATCH BATCHES RUNS (for wasm)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { smallAlexnetGraph } from '@branchscope/core';
import { initBackend } from '../packages/nn/src/backend';
import { imageDataset, type DecodedImage } from '../packages/nn/src/datasets/image-dataset';
import { train } from '../packages/nn/src/training/train';
import { registerWasmTrainingKernels } from '../packages/nn/src/training/wasm-conv-kernels';

const [batchSize = 32, batches = 6, runs = 5] = process.argv.slice(2).map(Number);
if (!(batchSize >= 1 && batches >= 2 && runs >= 1)) throw new Error('bench/training: usage BATCH BATCHES(>=2) RUNS');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const graph = smallAlexnetGraph({ branches: 2, classes: 10 });
const size = graph.inputShape[1];
// Content does not change the arithmetic: seeded noise images.
let state = 1;
const byte = (): number => ((state = (state * 1103515245 + 12345) >>> 0) >>> 24);
const images: DecodedImage[] = Array.from({ length: batchSize * batches }, (_, i) => ({
  file: `noise-${i}`,
  label: i % 10,
  width: size + 4,
  height: size + 4,
  data: Uint8Array.from({ length: (size + 4) * (size + 4) * 3 }, byte),
}));
const classes = Array.from({ length: 10 }, (_, i) => `c${i}`);

/** Images per second of one epoch's batches after the first (warm-up) one. */
async function trainingRate(batchSize: number, batches: number): Promise<number> {
  const dataset = imageDataset({ classes, images: images.slice(0, batchSize * batches), cropSize: size });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-training-'));
  const rates: number[] = [];
  try {
    await train({ graph, dataset, seed: 1, epochs: 1, batchSize, learningRate: 1e-3, optimizer: 'adam', checkpointDir: dir, onProgress: (p) => p.batch > 1 && rates.push(p.imagesPerSecond) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const seconds = rates.reduce((s, r) => s + batchSize / r, 0);
  return (rates.length * batchSize) / seconds;
}

/** Runs `variants` in turn, `shape.runs` rounds, so a change in machine load hits them all alike. */
async function measure(variants: Array<{ label: string; setup: () => void }>, shape = { batchSize, batches, runs }): Promise<number[]> {
  const perRun = variants.map((): number[] => []);
  for (let r = 0; r < shape.runs; r++) {
    for (const [i, v] of variants.entries()) {
      v.setup();
      perRun[i].push(await trainingRate(shape.batchSize, shape.batches));
    }
  }
  return variants.map((v, i) => {
    const m = median(perRun[i]);
    const what = `batch ${shape.batchSize}, median of ${shape.runs}: ${perRun[i].map((x) => x.toFixed(2)).join(', ')}`;
    console.log(`${v.label.padEnd(36)} ${m.toFixed(2).padStart(8)} images/s  (${what})`);
    return m;
  });
}

console.log(`${graph.name}, ${size}x${size}, batch ${batchSize}, ${batches} batches per run; node ${process.version}, ${os.cpus().length} cpus`);
const log = (): void => {};
await initBackend(['wasm'], { log, env: {} });
const [wasmFast, wasmStock] = await measure([
  { label: `wasm (${tf.getBackend()}), our kernels`, setup: () => registerWasmTrainingKernels({ fastBackpropInput: true }) },
  { label: 'wasm, stock Conv2DBackpropInput', setup: () => registerWasmTrainingKernels({ fastBackpropInput: false }) },
]);
registerWasmTrainingKernels({ fastBackpropInput: true });
await initBackend(['cpu'], { log, env: {} });
// tfjs-backend-cpu's Conv2DBackpropFilter is a scalar loop over TensorBuffer indices (seconds per image):
// measure it on small batches, one timed batch per run, or the bench takes half an hour.
await measure([{ label: `cpu (${tf.getBackend()}), pure JS`, setup: () => {} }], { batchSize: Math.min(batchSize, 4), batches: 2, runs: Math.min(runs, 3) });
console.log(`training step speedup from our wasm Conv2DBackpropInput: ${(wasmFast / wasmStock).toFixed(2)}x`);

await initBackend(['wasm'], { log, env: {} });
const shapes: Array<{ name: string; x: [number, number, number, number]; k: number; cin: number; cout: number; stride: number }> = [
  { name: 'small AlexNet conv2 (group half)', x: [batchSize, 16, 16, 16], k: 3, cin: 16, cout: 32, stride: 1 },
  { name: 'small AlexNet conv3', x: [batchSize, 8, 8, 64], k: 3, cin: 64, cout: 96, stride: 1 },
  { name: 'small ResNet 1x1 projection, stride 2', x: [batchSize, 16, 16, 64], k: 1, cin: 64, cout: 128, stride: 2 },
  { name: '3x3 stride 2', x: [batchSize, 16, 16, 32], k: 3, cin: 32, cout: 64, stride: 2 },
  { name: '11x11 stride 4 (stock kernel kept)', x: [batchSize, 59, 59, 3], k: 11, cin: 3, cout: 32, stride: 4 },
];
/** Median milliseconds of `fn` with the stock and with our kernel, alternating, after one warm-up each. */
function timeBoth(fn: () => tf.Tensor): { stock: number; ours: number } {
  const times = { stock: [] as number[], ours: [] as number[] };
  for (let i = 0; i < 8; i++) {
    for (const which of ['stock', 'ours'] as const) {
      registerWasmTrainingKernels({ fastBackpropInput: which === 'ours' });
      const t0 = performance.now();
      const out = fn();
      out.dataSync();
      if (i > 0) times[which].push(performance.now() - t0);
      out.dispose();
    }
  }
  return { stock: median(times.stock), ours: median(times.ours) };
}
for (const s of shapes) {
  const filter = tf.randomUniform([s.k, s.k, s.cin, s.cout]) as tf.Tensor4D;
  const outShape = tf.tidy(() => tf.conv2d(tf.zeros(s.x) as tf.Tensor4D, filter, s.stride, 'valid').shape);
  const dy = tf.randomUniform(outShape) as tf.Tensor4D;
  const { stock, ours } = timeBoth(() => tf.conv2dTranspose(dy, filter, s.x, s.stride, 'valid'));
  console.log(`Conv2DBackpropInput ${s.name.padEnd(38)} stock ${stock.toFixed(2).padStart(7)} ms  ours ${ours.toFixed(2).padStart(7)} ms  ${(stock / ours).toFixed(1)}x`);
  tf.dispose([filter, dy]);
}
