/**
 * Feature-visualization throughput: neuron-steps per second at 128 px (the model sees the 128 px render, as in
 * Lucid) for InceptionV1 up to mixed3b and for AlexNet conv2 (seeded weights; the executor evaluates only the
 * nodes the target layer needs), batch sizes 1, 8 and 32: one render of a batch of B neurons versus a naive loop
 * of B one-neuron renders, in the same run, each the median of several runs.
 *
 * Steps are timed without the ReLU redirect (steps 17..128 of a render; FV_REDIRECT=1 times redirected steps).
 * Run from the repository root: `npx tsx bench/featurevis.ts`. Environment: BRANCHSCOPE_BACKEND=wasm|cpu|node|node-gpu,
 * FV_BATCHES=1,8,32, FV_STEPS=2 (steps per render), FV_RUNS=3, FV_TARGETS=inception,alexnet.
 */
import { alexnetGraph, inceptionV1Graph, type Graph } from '@branchscope/core';
import { initBackend } from '../packages/nn/src/backend';
import { buildExecutable } from '../packages/nn/src/executor/build-executable';
import { featureModelFromExecutable } from '../packages/nn/src/featurevis/executable-feature-model';
import { renderFeatures, type RenderOptions } from '../packages/nn/src/featurevis/render';
import { seededWeights } from '../packages/nn/src/weights/seeded-weights';

const SIZE = 128;
const batches = (process.env.FV_BATCHES ?? '1,8,32').split(',').map(Number);
const steps = Number(process.env.FV_STEPS ?? 2);
const runs = Number(process.env.FV_RUNS ?? 3);
const redirect = process.env.FV_REDIRECT === '1';
const targets = (process.env.FV_TARGETS ?? 'inception,alexnet').split(',');

const TARGETS: Record<string, { label: string; graph: () => Graph; layer: string }> = {
  inception: { label: 'InceptionV1 mixed3b', graph: inceptionV1Graph, layer: 'mixed3b' },
  alexnet: { label: 'AlexNet conv2', graph: alexnetGraph, layer: 'conv2' },
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Wall-clock seconds of `run`. */
async function seconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

const backend = await initBackend();
console.log(
  `backend ${backend}; ${SIZE} px; ${steps} steps per render (ReLU redirect ${redirect ? 'on' : 'off'}); median of ${runs} runs`,
);
console.log('target                batch  batched neuron-steps/s  naive neuron-steps/s  speed-up');
const started = performance.now();
for (const name of targets) {
  const target = TARGETS[name];
  if (!target) throw new Error(`bench/featurevis: unknown target '${name}'; use ${Object.keys(TARGETS).join(', ')}`);
  const graph = target.graph();
  const model = buildExecutable(graph, seededWeights(graph, 0));
  const base: Omit<RenderOptions, 'units'> = {
    model: featureModelFromExecutable(model),
    inputSize: SIZE,
    channels: 3,
    inputRange: graph.inputRange,
    layer: target.layer,
    steps,
    seed: 1,
    reluRedirectSteps: redirect ? steps : 0,
  };
  // One untimed step first, so weight creation, upload and kernel setup are not counted.
  await renderFeatures({ ...base, units: [0], steps: 1 });
  for (const batch of batches) {
    const units = Array.from({ length: batch }, (_, i) => i);
    const batched: number[] = [];
    const naive: number[] = [];
    for (let run = 0; run < runs; run++) {
      batched.push(await seconds(() => renderFeatures({ ...base, units })));
      naive.push(
        await seconds(async () => {
          for (const unit of units) await renderFeatures({ ...base, units: [unit] });
        }),
      );
    }
    const [b, n] = [median(batched), median(naive)];
    const rate = (t: number) => ((batch * steps) / t).toFixed(2);
    console.log(
      `${target.label.padEnd(20)}  ${String(batch).padStart(5)}  ${rate(b).padStart(22)}  ${rate(n).padStart(20)}  ${(n / b).toFixed(2).padStart(8)}`,
    );
  }
  model.dispose();
}
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
