/**
 * Training throughput of the 2-branch small AlexNet (32 px, 10 classes, batch 32, Adam at 1e-3, dropout 0.5) in
 * images per second: @branchscope/training's `train` on onnxruntime (engine 'ort', one intra-op thread per core) beside
 * PyTorch on the CPU running the same topology and recipe with the same threads (Debian's python3-torch,
 * bench/peers/training_torch.py; skipped with the reason when torch is missing), and with one thread, since
 * PyTorch's OpenMP threads lose most of their speed on a machine busy with other work (the ratio is taken against
 * the faster of the two; ORT likewise, its threads once spinning as PyTorch's do and once not, both set explicitly
 * where a session would choose by the load), and beside `train` on TF.js wasm (the engine before ORT). Runs
 * interleave (ORT spinning, ORT, ORT on 1 thread, PyTorch, PyTorch on 1 thread, wasm, then the next run); each figure
 * is a run's images over its timed batches (every batch after the first), the column the median over runs.
 *
 *   npx tsx bench/training.ts                 # batch 32, 6 batches per run, 3 runs
 *   npx tsx bench/training.ts 16 4 5          # BATCH BATCHES RUNS
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { smallAlexnetGraph } from '@branchscope/core';
import { coreCount } from '@branchscope/ort-engine';
import { initBackend } from '@branchscope/runtime';
import { imageDataset, train, type DecodedImage } from '@branchscope/training';
import { startTorchTrainingPeer } from './peers/torch-training-peer';

const [batchSize = 32, batches = 6, runs = 3] = process.argv.slice(2).map(Number);
if (!(batchSize >= 1 && batches >= 2 && runs >= 1)) throw new Error('bench/training: usage BATCH BATCHES(>=2) RUNS');
const learningRate = 1e-3;
const threads = coreCount();

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const classes = 10;
const graph = smallAlexnetGraph({ branches: 2, classes });
const size = graph.inputShape[1];
// Content does not change the arithmetic: seeded noise images.
let state = 1;
const byte = (): number => (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
const images: DecodedImage[] = Array.from({ length: batchSize * batches }, (_, i) => ({
  file: `noise-${i}`,
  label: i % classes,
  width: size + 4,
  height: size + 4,
  data: Uint8Array.from({ length: (size + 4) * (size + 4) * 3 }, byte),
}));
const dataset = imageDataset({ classes: Array.from({ length: classes }, (_, i) => `c${i}`), images, cropSize: size });

/** Images per second over one epoch's batches after the first (warm-up) one. */
async function trainingRate(engine: 'ort' | 'tfjs', ortThreads = threads, ortSpinning = false): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-training-'));
  const seconds: number[] = [];
  try {
    await train({ graph, dataset, seed: 1, epochs: 1, batchSize, learningRate, optimizer: 'adam', dropout: 0.5, checkpointDir: dir, engine, ortThreads, ortSpinning, onProgress: (p) => p.batch > 1 && seconds.push(batchSize / p.imagesPerSecond) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return (seconds.length * batchSize) / seconds.reduce((a, b) => a + b, 0);
}

await initBackend(['wasm'], { log: () => {}, env: {} });
const peer = await startTorchTrainingPeer({ threads, classes, size, learningRate });
console.log(`${graph.name}, ${size}x${size}, batch ${batchSize}, ${batches} batches per run (first untimed), ${runs} runs; node ${process.version}, ${os.cpus().length} cpus, ${threads} threads`);
console.log(typeof peer === 'string' ? `PyTorch skipped: ${peer}` : `PyTorch: ${peer.version}`);
const rates = { ortSpin: [] as number[], ort: [] as number[], ort1: [] as number[], torch: [] as number[], torch1: [] as number[], wasm: [] as number[] };
try {
  for (let r = 0; r < runs; r++) {
    if (threads > 1) rates.ortSpin.push(await trainingRate('ort', threads, true));
    rates.ort.push(await trainingRate('ort'));
    if (threads > 1) rates.ort1.push(await trainingRate('ort', 1));
    if (typeof peer !== 'string') {
      rates.torch.push(((batches - 1) * batchSize) / (await peer.train(batchSize, batches - 1, threads)));
      if (threads > 1) rates.torch1.push(((batches - 1) * batchSize) / (await peer.train(batchSize, batches - 1, 1)));
    }
    rates.wasm.push(await trainingRate('tfjs'));
    process.stderr.write(`run ${r + 1}/${runs}: ort spinning ${rates.ortSpin[r]?.toFixed(1) ?? '-'}, ort ${rates.ort[r]!.toFixed(1)}, ort 1 thread ${rates.ort1[r]?.toFixed(1) ?? '-'}, torch ${rates.torch[r]?.toFixed(1) ?? '-'}, torch 1 thread ${rates.torch1[r]?.toFixed(1) ?? '-'}, wasm ${rates.wasm[r]!.toFixed(1)} images/s\n`);
  }
} finally {
  if (typeof peer !== 'string') peer.close();
}

const row = (label: string, xs: number[]): number => {
  const m = xs.length > 0 ? median(xs) : NaN;
  console.log(`${label.padEnd(48)} ${Number.isNaN(m) ? '       -' : m.toFixed(1).padStart(8)} images/s  (runs: ${xs.map((x) => x.toFixed(1)).join(', ') || 'skipped'})`);
  return m;
};
const ortSpin = threads > 1 ? row(`ORT (onnxruntime-node, ${threads} threads, spinning)`, rates.ortSpin) : NaN;
const ortAll = row(`ORT (onnxruntime-node, ${threads} threads, no spinning)`, rates.ort);
const ort1 = threads > 1 ? row('ORT (onnxruntime-node, 1 thread)', rates.ort1) : NaN;
const ort = Math.max(ortAll, ...[ortSpin, ort1].filter((x) => !Number.isNaN(x)));
const torch = row(`PyTorch CPU (${threads} threads)`, rates.torch);
const torch1 = threads > 1 ? row('PyTorch CPU (1 thread)', rates.torch1) : NaN;
const wasm = row('TF.js wasm (the engine before ORT)', rates.wasm);
const bestTorch = Math.max(torch, Number.isNaN(torch1) ? -Infinity : torch1);
console.log(`faster ORT row / faster PyTorch row: ${Number.isNaN(torch) ? '-' : `${(ort / bestTorch).toFixed(2)}x`}   ORT / TF.js wasm: ${(ort / wasm).toFixed(2)}x`);
