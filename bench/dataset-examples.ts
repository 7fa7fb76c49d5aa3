/**
 * Images per second of a `dataset-examples` forward pass (a batch of images to one layer, each channel reduced to
 * its mean, max and argmax): onnxruntime-node (`openLayerForward` engine `ort`, every core) beside the TF.js executor
 * on the wasm backend (the worker's TF.js fallback here), on the same seeded images, runs interleaved, each figure
 * the median over runs after one untimed warm-up batch per engine. Also prints the largest difference between the
 * two engines' channel maxima, relative to the largest maximum.
 *
 *   npx tsx bench/dataset-examples.ts                     # InceptionV1 to mixed3b, 224 px, batch 8, 3 runs
 *   npx tsx bench/dataset-examples.ts --model small-alexnet --layer relu2 --batch 64 --runs 5
 */
import os from 'node:os';
import { inceptionV1Graph, smallAlexnetGraph, type Graph } from '@branchscope/core';
import { openLayerForward } from '@branchscope/featurevis';
import { initBackend, seededWeights } from '@branchscope/runtime';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
};
const modelName = option('model', 'inceptionv1');
const graphs: Record<string, () => Graph> = {
  inceptionv1: () => inceptionV1Graph(),
  'small-alexnet': () => smallAlexnetGraph({ branches: 2 } as Parameters<typeof smallAlexnetGraph>[0]),
};
if (!graphs[modelName]) throw new Error(`bench/dataset-examples: unknown --model '${modelName}'; use ${Object.keys(graphs).join(' or ')}`);
const graph = graphs[modelName]!();
const layer = option('layer', modelName === 'inceptionv1' ? 'mixed3b' : 'relu2');
const batch = Number(option('batch', '8'));
const runs = Number(option('runs', '3'));
if (!(batch >= 1 && runs >= 1)) throw new Error('bench/dataset-examples: --batch and --runs need positive counts');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const backend = await initBackend(['wasm'], { log: () => {} });
const weights = seededWeights(graph, 1);
const size = graph.inputShape[1];
let state = 5;
const images = Uint8Array.from({ length: batch * size * size * 3 }, () => (state = (state * 1103515245 + 12345) % 2 ** 31) % 256);
const engines = [
  await openLayerForward(graph, weights, layer, { engine: 'ort', backend }),
  await openLayerForward(graph, weights, layer, { engine: 'tfjs', backend }),
];
const maxima: Float32Array[] = [];
for (const engine of engines) maxima.push((await engine.run(images, batch, size)).max);
const times: number[][] = engines.map(() => []);
for (let run = 0; run < runs; run++) {
  for (const [i, engine] of engines.entries()) {
    const start = performance.now();
    await engine.run(images, batch, size);
    times[i]!.push((performance.now() - start) / 1000);
  }
}
const scale = Math.max(...maxima[1]!);
const difference = Math.max(...maxima[0]!.map((v, i) => Math.abs(v - maxima[1]![i]!))) / scale;
console.log(`${graph.name} to ${layer}, ${size} px, batch ${batch}, ${runs} runs, ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(2)}`);
for (const [i, engine] of engines.entries()) {
  const seconds = median(times[i]!);
  console.log(`  ${engine.engine.padEnd(10)} ${(batch / seconds).toFixed(1).padStart(8)} images/s  (median ${seconds.toFixed(3)} s a batch)`);
}
console.log(`  ort / tfjs: ${(median(times[1]!) / median(times[0]!)).toFixed(2)}x; largest max difference ${difference.toExponential(2)} of the largest max`);
for (const engine of engines) await engine.dispose();
