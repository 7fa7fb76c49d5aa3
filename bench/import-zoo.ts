/**
 * Per model file: the time and peak memory of importing it through `importModel` by path (the API's hash and the
 * whole `import-model` job into a fresh store), beside onnxruntime-node's `InferenceSession.create` of the same
 * file, measured in the same run. Each measurement runs in a child process of its own (peak RSS is the child's
 * high-water mark, `process.resourceUsage().maxRSS`); the figures are medians of RUNS runs. Files: torchvision's
 * alexnet, resnet50, vgg16, googlenet and mobilenet_v2 with random weights, exported by Debian's python3-torch
 * (`bench/import-zoo/torchvision-zoo.py`, into the git-ignored bench/.cache/import-zoo), else the generated zoo
 * twins; the output says which. Never asserted.
 *
 *   npx tsx bench/import-zoo.ts
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Measurement } from './import-zoo/measure';
import { zooFiles } from './import-zoo/zoo-files';

const RUNS = 3;
const MEASURE = path.join(import.meta.dirname, 'import-zoo', 'measure.ts');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(mode: 'import' | 'ort', file: string): Measurement {
  const out = execFileSync(process.execPath, ['--import', 'tsx', MEASURE, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measurement;
}

function summary(mode: 'import' | 'ort', file: string): string {
  const runs = Array.from({ length: RUNS }, () => measure(mode, file));
  const failed = runs.find((r) => r.error);
  if (failed) return `failed: ${failed.error!.slice(0, 160)}`;
  const s = (median(runs.map((r) => r.ms)) / 1000).toFixed(2).padStart(6);
  return `${s} s  peak ${String(median(runs.map((r) => r.peakMiB))).padStart(5)} MiB (before ${median(runs.map((r) => r.beforeMiB))})`;
}

const { source, files } = zooFiles();
console.log(`import-zoo: ${source}; median of ${RUNS} runs, each in a child process`);
for (const file of files) {
  const mib = statSync(file).size / 2 ** 20;
  console.log(`${path.basename(file).padEnd(22)} ${mib.toFixed(1).padStart(6)} MiB`);
  console.log(`  importModel by path    ${summary('import', file)}`);
  console.log(`  ort session create     ${summary('ort', file)}`);
}
