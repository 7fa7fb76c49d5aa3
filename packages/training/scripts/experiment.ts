// Multi-seed branch specialization experiment: trains each model (and its unbranched control) for K seeds
// on an image folder, then writes results.json, report.md and colour-index.svg.
// Usage: npx tsx packages/training/scripts/experiment.ts --model small-alexnet-2b --seeds 5 [--controls]
//   [--epochs 12] [--dataset data/datasets/natural-default] [--out data/experiments/<model>]
//   [--input 32] [--resize 64] [--colour-only] [--lr 0.002] [--batch 16] [--init-scale 0.1] [--dropout 0] [--first-seed 1]
//   [--conv1-filters 32] [--conv1-kernel 5] [--conv1-stride 1] [--engine tfjs|ort] [--threads N]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend } from '@branchscope/runtime';
import { openImageFolder } from '../src/datasets/open-image-folder';
import { experimentModels } from '../src/experiments/experiment-models';
import { runExperiment } from '../src/experiments/run-experiment';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'small-alexnet-2b' },
    seeds: { type: 'string', default: '5' },
    'first-seed': { type: 'string', default: '1' },
    controls: { type: 'boolean', default: false },
    epochs: { type: 'string', default: '12' },
    dataset: { type: 'string', default: path.join(root, 'data/datasets/natural-default') },
    out: { type: 'string' },
    input: { type: 'string', default: '32' },
    resize: { type: 'string', default: '64' },
    'colour-only': { type: 'boolean', default: false },
    lr: { type: 'string', default: '0.002' },
    batch: { type: 'string', default: '16' },
    'init-scale': { type: 'string', default: '0.1' },
    dropout: { type: 'string', default: '0' },
    'conv1-filters': { type: 'string', default: '32' },
    'conv1-kernel': { type: 'string', default: '5' },
    'conv1-stride': { type: 'string', default: '1' },
    engine: { type: 'string', default: 'tfjs' },
    threads: { type: 'string' },
  },
});
const num = (name: keyof typeof values) => {
  const v = Number(values[name]);
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number, got '${String(values[name])}'`);
  return v;
};
const inputSize = num('input');
if (inputSize !== 32 && inputSize !== 64) throw new Error(`--input must be 32 or 64, got ${inputSize}`);

const engine = values.engine;
if (engine !== 'tfjs' && engine !== 'ort') throw new Error(`--engine must be tfjs or ort, got '${engine}'`);
const threads = values.threads === undefined ? undefined : num('threads');
const firstLayer = { filters: num('conv1-filters'), kernel: num('conv1-kernel'), stride: num('conv1-stride') };

const backend = await initBackend(undefined, { log: () => {} });
let dataset = await openImageFolder(values.dataset!, { cropSize: inputSize, resize: num('resize'), onSkip: (s) => console.warn(`skipped ${s.message}`) });
if (values['colour-only']) {
  // The builder writes `<class>/grey.png` beside each colour image; leaving it out gives the colour-only task.
  dataset = dataset.subset(dataset.images.flatMap((im, i) => (im.file.endsWith(`${path.sep}grey.png`) ? [] : [i])));
}
const models = experimentModels(values.model!, { controls: values.controls!, classes: dataset.classes.length, inputSize, firstLayer });
const first = num('first-seed');
const seeds = Array.from({ length: num('seeds') }, (_, i) => first + i);
const outDir = path.resolve(values.out ?? path.join(root, 'data/experiments', values.model!));
const command = `npx tsx packages/training/scripts/experiment.ts ${process.argv.slice(2).map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}`;
const started = Date.now();
const result = await runExperiment({
  title: `Branch specialization: ${models.map((m) => m.id).join(', ')} x ${seeds.length} seeds`,
  command,
  models,
  seeds,
  dataset,
  outDir,
  epochs: num('epochs'),
  batchSize: num('batch'),
  learningRate: num('lr'),
  optimizer: 'adam',
  firstLayerInitScale: num('init-scale'),
  dropout: num('dropout'),
  engine,
  ...(threads ? { threads } : {}),
  notes: [
    `Dataset: ${path.relative(root, path.resolve(values.dataset!)) || values.dataset} (${dataset.classes.length} classes, ${dataset.size} images${values['colour-only'] ? ', colour copies only' : ', each class a colour and a greyscale copy'}), ` +
      `random ${inputSize} px crops and flips from images resized to ${num('resize')} px. First layer ${firstLayer.filters} filters ${firstLayer.kernel}x${firstLayer.kernel} stride ${firstLayer.stride}, init scale ${num('init-scale')}, dropout ${num('dropout')}, Adam learning rate ${num('lr')}, batch ${num('batch')}. Engine: ${engine === 'ort' ? `onnxruntime-node${threads ? `, ${threads} threads` : ''}` : `TF.js ${backend}`}.`,
  ],
  log: (line) => console.log(line),
});
for (const s of result.summary) {
  console.log(s.color ? `${s.model}: colour split in ${s.color.split}/${s.seeds} seeds (partial ${s.color.partial})` : `${s.model}: ${JSON.stringify(s.colorFactor)}`);
}
console.log(`wrote ${outDir}/report.md, results.json, colour-index.svg in ${((Date.now() - started) / 60000).toFixed(1)} min`);
