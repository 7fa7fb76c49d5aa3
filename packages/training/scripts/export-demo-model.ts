// Turns one experiment run into a committed demo model: its last checkpoint without optimizer state,
// the graph, the command and seed that made it, its metrics and its specialization report.
// Usage: npx tsx packages/training/scripts/export-demo-model.ts --experiment data/experiments/<name> --model small-alexnet-2b
//   --seed 1 --id demo-small-alexnet-2b --name "Small AlexNet, 2 branches (trained)" [--family alexnet] [--selection "why this seed"]
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { experimentMarkdown } from '../src/experiments/experiment-markdown';
import { experimentModels } from '../src/experiments/experiment-models';
import { summarizeExperiment } from '../src/experiments/experiment-summary';
import type { ExperimentResult } from '../src/experiments/run-experiment';
import { readCheckpoint, writeCheckpoint } from '../src/training/checkpoint';
import { graphHash } from '../src/training/graph-hash';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const demoRoot = path.join(root, 'packages/training/demo-models');
const { values } = parseArgs({
  options: { experiment: { type: 'string' }, model: { type: 'string' }, seed: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, family: { type: 'string', default: 'alexnet' }, selection: { type: 'string' } },
});
for (const key of ['experiment', 'model', 'seed', 'id', 'name'] as const) if (!values[key]) throw new Error(`--${key} is required`);
const experimentDir = path.resolve(values.experiment!);
const seed = Number(values.seed);
const result = JSON.parse(await readFile(path.join(experimentDir, 'results.json'), 'utf8')) as ExperimentResult;
const run = result.runs.find((r) => r.model === values.model && r.seed === seed);
if (!run) throw new Error(`${experimentDir}/results.json has no run of ${values.model} with seed ${seed}`);
const checkpointDir = path.join(experimentDir, values.model!, `seed-${seed}`);
const checkpoint = await readCheckpoint(checkpointDir);
if (!checkpoint) throw new Error(`no checkpoint in ${checkpointDir}`);
const inputSize = result.settings.cropSize as 32 | 64;
const [model] = experimentModels(values.model!, { controls: false, classes: checkpoint.meta.classes.length, inputSize });
if (graphHash(model!.graph) !== checkpoint.meta.graph.hash) throw new Error(`the rebuilt graph of ${values.model} does not match the checkpoint's graph hash`);

const outDir = path.join(demoRoot, values.id!);
await rm(outDir, { recursive: true, force: true });
// Optimizer slots (`m:...`, `v:...`) are only needed to resume training; a demo model keeps the parameters.
const params = new Map([...checkpoint.tensors].filter(([name]) => !name.includes(':')));
const { format: _f, version: _v, tensors: _t, weightsFile: _w, sha256: _s, ...meta } = checkpoint.meta;
await writeCheckpoint(outDir, meta, params);
await writeFile(path.join(outDir, 'graph.json'), `${JSON.stringify(model!.graph)}\n`);
const about = {
  id: values.id,
  name: values.name,
  family: values.family,
  model: values.model,
  seed,
  ...(values.selection ? { selection: values.selection } : {}),
  epochs: run.epochs,
  command: result.command,
  exportCommand: `npx tsx packages/training/scripts/export-demo-model.ts ${process.argv.slice(2).map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}`,
  training: result.settings,
  dataset: 'data/datasets/natural-default (packages/training/scripts/build-default-dataset.ts)',
  metrics: checkpoint.meta.metrics.at(-1),
  report: run.report.kind === 'branched' ? { colorVerdict: run.report.branches.colorVerdict, frequencyVerdict: run.report.branches.frequencyVerdict, summary: run.report.branches.summary } : { summary: run.report.factors.summary },
};
await writeFile(path.join(outDir, 'meta.json'), `${JSON.stringify(about, null, 2)}\n`);
await writeFile(path.join(outDir, 'report.md'), experimentMarkdown(`${values.name} (seed ${seed})`, [run], summarizeExperiment([run]), result.criterion, [`Trained with: \`${result.command}\``]));
const indexFile = path.join(demoRoot, 'index.json');
const index = (JSON.parse(await readFile(indexFile, 'utf8').catch(() => '[]')) as { id: string }[]).filter((e) => e.id !== values.id);
index.push({ id: values.id!, name: values.name, family: values.family, dir: values.id } as { id: string });
await writeFile(indexFile, `${JSON.stringify(index.sort((a, b) => (a.id < b.id ? -1 : 1)), null, 2)}\n`);
console.log(`exported ${values.model} seed ${seed} to ${outDir}`);
