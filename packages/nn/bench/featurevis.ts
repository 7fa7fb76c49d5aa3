/**
 * Feature-visualization throughput: neuron-steps per second at 128 px, AlexNet (seeded weights) up to relu2,
 * for one render of a batch of B neurons versus a naive loop of B one-neuron renders.
 * Run: `npx tsx bench/featurevis.ts` (BRANCHSCOPE_BACKEND=wasm|cpu|node|node-gpu to force a backend;
 * FV_BATCHES=1,8,32 and FV_STEPS=4 to change the sizes).
 */
import { alexnetGraph } from '@branchscope/core';
import { initBackend } from '../src/backend';
import { buildExecutable } from '../src/executor/build-executable';
import { featureModelFromExecutable } from '../src/featurevis/executable-feature-model';
import { renderFeatures, type RenderOptions } from '../src/featurevis/render';
import { seededWeights } from '../src/weights/seeded-weights';

const SIZE = 128;
const LAYER = 'relu2';
const batches = (process.env.FV_BATCHES ?? '1,8,32').split(',').map(Number);
const steps = Number(process.env.FV_STEPS ?? 4);

const backend = await initBackend();
const graph = alexnetGraph();
const model = buildExecutable(graph, seededWeights(graph, 0));
const base: Omit<RenderOptions, 'units'> = {
  model: featureModelFromExecutable(model),
  inputSize: SIZE,
  channels: 3,
  inputRange: graph.inputRange,
  layer: LAYER,
  steps,
  seed: 1,
};

/** Wall-clock seconds of `run`. */
async function seconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

// One untimed step first, so weight upload and kernel setup are not counted.
await renderFeatures({ ...base, units: [0], steps: 1 });
console.log(`backend ${backend}; AlexNet ${LAYER} at ${SIZE} px; ${steps} steps per render`);
console.log('batch  batched neuron-steps/s  naive neuron-steps/s  speed-up');
for (const batch of batches) {
  const units = Array.from({ length: batch }, (_, i) => i);
  const batched = await seconds(() => renderFeatures({ ...base, units }));
  const naive = await seconds(async () => {
    for (const unit of units) await renderFeatures({ ...base, units: [unit] });
  });
  const rate = (t: number) => (batch * steps) / t;
  console.log(
    `${String(batch).padStart(5)}  ${rate(batched).toFixed(2).padStart(22)}  ${rate(naive).toFixed(2).padStart(20)}  ${(naive / batched).toFixed(2).padStart(8)}`,
  );
}
model.dispose();
