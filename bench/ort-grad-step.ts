/**
 * The onnxruntime part alone: milliseconds per `session.run` of the generated gradient models the feature-vis and
 * training benches spend most of their time in, InceptionV1 to mixed3b at 128 px (input gradient, seed on mixed3b,
 * redirect off) and the 2-branch small AlexNet's training step (every weight gradient, batch 32). One intra-op
 * thread unless ORT_THREADS says otherwise; medians of RUNS (default 9) timed runs after two untimed ones.
 *
 *   npx tsx bench/ort-grad-step.ts            # feature-vis at batch 8, training at batch 32
 *   FV_BATCH=32 TRAIN_BATCH=64 RUNS=15 npx tsx bench/ort-grad-step.ts
 */
import os from 'node:os';
import { inceptionV1Graph, smallAlexnetGraph } from '@branchscope/core';
import { buildGradientModel, createOrtSession, generateGradientModel, type TensorData } from '@branchscope/ort-engine';
import { inferShapes, logitsNode, seededWeights } from '@branchscope/runtime';

const threads = Number(process.env.ORT_THREADS ?? 1);
const runs = Number(process.env.RUNS ?? 9);
const fvBatch = Number(process.env.FV_BATCH ?? 8);
const trainBatch = Number(process.env.TRAIN_BATCH ?? 32);

let state = 7;
const noise = (n: number): Float32Array => Float32Array.from({ length: n }, () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5);
const tensor = (dims: number[]): TensorData => ({ data: noise(dims.reduce((a, b) => a * b, 1)), dims });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function time(label: string, bytes: Uint8Array, feeds: Record<string, TensorData | number>): Promise<void> {
  const session = await createOrtSession(bytes, { threads });
  for (let i = 0; i < 2; i++) await session.run(feeds);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await session.run(feeds);
    ms.push(performance.now() - t0);
  }
  await session.release();
  console.log(`${label}: ${median(ms).toFixed(1)} ms per run (median of ${runs}, ${threads} thread${threads > 1 ? 's' : ''}, load ${os.loadavg()[0]!.toFixed(1)})`);
}

const inception = inceptionV1Graph();
const fvBytes = buildGradientModel(inception, seededWeights(inception, 0), { outputs: ['mixed3b'], inputShape: [3, 128, 128], redirect: false });
await time(`feature-vis InceptionV1 to mixed3b, batch ${fvBatch}`, fvBytes, { input: tensor([fvBatch, 3, 128, 128]), 'seed:mixed3b': tensor([fvBatch, 480, 16, 16]) });

const alexnet = smallAlexnetGraph({ branches: 2, classes: 10 });
const logits = logitsNode(alexnet).name;
const model = generateGradientModel(alexnet, seededWeights(alexnet, 0), { outputs: [], crossEntropy: logits, weightGradients: true, training: true, inputGradient: false });
const feeds: Record<string, TensorData> = {};
for (const p of model.params) feeds[p.name] = { data: Float32Array.from(p.initial), dims: p.dims };
feeds.input = tensor([trainBatch, ...alexnet.inputShape]);
const labels = new Float32Array(trainBatch * 10);
for (let i = 0; i < trainBatch; i++) labels[i * 10 + (i % 10)] = 1;
feeds.labels = { data: labels, dims: [trainBatch, 10] };
const shapes = inferShapes(alexnet);
for (const name of model.inputNames) {
  if (!name.startsWith('mask:')) continue;
  const dims = [trainBatch, ...shapes.get(name.slice('mask:'.length))!];
  feeds[name] = { data: Float32Array.from(noise(dims.reduce((a, b) => a * b, 1)), (v) => (v > 0 ? 2 : 0)), dims };
}
await time(`training small AlexNet, batch ${trainBatch}`, model.bytes, feeds);
