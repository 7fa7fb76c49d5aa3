// Pilot for choosing the task (see packages/training/EXPERIMENTS.md): a small AlexNet-shaped 2-branch net written in
// raw TF.js ops (no LRN, no dropout, input centred to [-0.5, 0.5]) so that first-layer settings can be compared
// quickly: kernel, stride, input size, greyscale copies, first-layer init scale. Prints one JSON line with the
// median colour index of the filters, of what training added to them (`deltaMedianCI`), and the branch test.
// Usage: npx tsx packages/training/scripts/pilot-first-layer.ts --steps 600 --batch 16 --grey yes --init1 0.1 --seed 1
//   [--input 64 --resize 128 --kernel 7 --stride 2] [--dataset data/datasets/natural-default]
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@branchscope/runtime';
import { openImageFolder } from '../src/datasets/open-image-folder';
import { registerWasmTrainingKernels } from '@branchscope/runtime';
import { branchSpecializationReport, createRandom, describeFilters } from '@branchscope/core';

const arg = (name: string, dflt: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1]! : dflt; };
const input = Number(arg('input', '32')), k = Number(arg('kernel', '5')), stride = Number(arg('stride', '1'));
const resize = Number(arg('resize', '64')), epochs = Number(arg('epochs', '4')), seed = Number(arg('seed', '1'));
const greyCopies = arg('grey', 'yes') === 'yes', lr = Number(arg('lr', '0.002')), batch = Number(arg('batch', '32'));
const filters = Number(arg('filters', '32')), classLimit = Number(arg('classes', '0'));
const jitter = Number(arg('jitter', '0')); const init1 = Number(arg('init1', '1')); const steps = Number(arg('steps', '0'));

registerWasmTrainingKernels();
await initBackend([arg('backend', 'wasm') as 'wasm'], { log: () => {} });
let ds = await openImageFolder(arg('dataset', 'data/datasets/natural-default'), { cropSize: input, resize, onSkip: () => {} });
const keep = ds.images.map((im, i) => [im, i] as const).filter(([im]) => (greyCopies || !im.file.endsWith('grey.png')) && (classLimit === 0 || im.label < classLimit)).map(([, i]) => i);
ds = ds.subset(keep);
const classes = classLimit || ds.classes.length;

const rnd = createRandom(seed);
const he = (shape: number[], fanIn: number) => tf.variable(tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rnd.normal() * Math.sqrt(2 / fanIn)), shape));
const zeros = (n: number) => tf.variable(tf.zeros([n]));
const half = filters / 2;
const p: Record<string, tf.Variable> = {
  w1: tf.variable(tf.mul(he([k, k, 3, filters], k * k * 3), init1)), b1: zeros(filters),
  w2a: he([3, 3, half, 32], 9 * half), w2b: he([3, 3, half, 32], 9 * half), b2: zeros(64),
  w3: he([3, 3, 64, 96], 9 * 64), b3: zeros(96),
  w4a: he([3, 3, 48, 48], 9 * 48), w4b: he([3, 3, 48, 48], 9 * 48), b4: zeros(96),
  w5a: he([3, 3, 48, 32], 9 * 48), w5b: he([3, 3, 48, 32], 9 * 48), b5: zeros(64),
};
const c1 = input / stride; const flat = 64 * (c1 / 8) * (c1 / 8);
p.w6 = he([flat, 256], flat); p.b6 = zeros(256); p.w7 = he([256, classes], 256); p.b7 = zeros(classes);
const grouped = (x: tf.Tensor4D, a: tf.Variable, b: tf.Variable, bias: tf.Variable) => {
  const [xa, xb] = tf.split(x, 2, 3) as tf.Tensor4D[];
  return tf.relu(tf.add(tf.concat([tf.conv2d(xa, a as tf.Tensor4D, 1, 'same'), tf.conv2d(xb, b as tf.Tensor4D, 1, 'same')], 3), bias));
};
const forward = (x: tf.Tensor4D) => {
  let h = tf.relu(tf.add(tf.conv2d(x, p.w1 as tf.Tensor4D, stride, 'same'), p.b1)) as tf.Tensor4D;
  h = tf.maxPool(h, 2, 2, 'valid');
  h = tf.maxPool(grouped(h, p.w2a, p.w2b, p.b2) as tf.Tensor4D, 2, 2, 'valid');
  h = tf.relu(tf.add(tf.conv2d(h, p.w3 as tf.Tensor4D, 1, 'same'), p.b3)) as tf.Tensor4D;
  h = grouped(h, p.w4a, p.w4b, p.b4) as tf.Tensor4D;
  h = tf.maxPool(grouped(h, p.w5a, p.w5b, p.b5) as tf.Tensor4D, 2, 2, 'valid');
  const f = tf.relu(tf.add(tf.matMul(tf.reshape(h, [h.shape[0], flat]), p.w6), p.b6));
  return tf.add(tf.matMul(f, p.w7), p.b7);
};
const opt = tf.train.adam(lr);
const w0 = p.w1.dataSync().slice();
let lastAcc = 0, lastLoss = 0;
const totalEpochs = steps > 0 ? Math.ceil(steps * batch / ds.size) : epochs;
const t0 = Date.now();
let seen = 0;
for (let epoch = 0; epoch < totalEpochs; epoch++) {
  let loss = 0, correct = 0, n = 0;
  for (const b of ds.batches({ seed, epoch, batchSize: batch })) {
    const jr = createRandom(seed * 1000 + epoch * 100 + n);
    const res = tf.tidy(() => {
      let x = tf.div(tf.tensor4d(Float32Array.from(b.images), [b.count, input, input, 3]), 255) as tf.Tensor4D;
      if (jitter > 0) { // per-image random channel gains (colour jitter)
        const g = Float32Array.from({ length: b.count * 3 }, () => 1 + jitter * (2 * jr.next() - 1));
        x = tf.mul(x, tf.tensor4d(g, [b.count, 1, 1, 3]));
      }
      x = tf.sub(x, 0.5) as tf.Tensor4D;
      const y = tf.oneHot(tf.tensor1d(b.labels, 'int32'), classes);
      let logits!: tf.Tensor;
      const l = opt.minimize(() => { logits = tf.keep(forward(x)); return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar; }, true)!;
      const acc = tf.sum(tf.equal(tf.argMax(logits, 1), tf.tensor1d(b.labels, 'int32')));
      const out = [l.dataSync()[0]!, acc.dataSync()[0]!]; logits.dispose(); return out;
    });
    loss += res[0]! * b.count; correct += res[1]!; n += b.count; seen += b.count;
  }
  lastAcc = correct / n; lastLoss = loss / n;
  if (epoch === totalEpochs - 1 || epoch % 5 === 0) console.error(`epoch ${epoch} loss ${(loss / n).toFixed(3)} acc ${(correct / n).toFixed(3)} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}
const w1 = await p.w1.data(); // HWIO -> OIHW
let dn = 0, n0 = 0; for (let i = 0; i < w1.length; i++) { dn += (w1[i]! - w0[i]!) ** 2; n0 += w0[i]! ** 2; }
const delta = Float32Array.from(w1, (v, i) => v - w0[i]!);
const dO = new Float32Array(filters * 3 * k * k);
for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) for (let c = 0; c < 3; c++) for (let o = 0; o < filters; o++) dO[((o * 3 + c) * k + y) * k + x] = delta[((y * k + x) * 3 + c) * filters + o]!;
const dCI = describeFilters({ shape: [filters, 3, k, k], group: 1, data: dO }).map((d) => d.colorIndex).sort((a, b) => a - b);
const oihw = new Float32Array(filters * 3 * k * k);
for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) for (let c = 0; c < 3; c++) for (let o = 0; o < filters; o++) oihw[((o * 3 + c) * k + y) * k + x] = w1[((y * k + x) * 3 + c) * filters + o]!;
const desc = describeFilters({ shape: [filters, 3, k, k], group: 1, data: oihw }).map((d, unit) => ({ layer: 'conv1', unit, colorIndex: d.colorIndex, frequency: d.frequency }));
const r = branchSpecializationReport({ layer: 'conv1', descriptors: desc, branches: [{ name: 'b0', range: [0, half] }, { name: 'b1', range: [half, filters] }] });
const all = desc.map((d) => d.colorIndex).sort((a, b) => a - b);
console.log(JSON.stringify({ input, k, stride, resize, greyCopies, jitter, seed, epochs: totalEpochs, steps, init1, lr, batch, classes, images: ds.size, seconds: (Date.now() - t0) / 1000, imgPerSec: seen / ((Date.now() - t0) / 1000),
  medianCI: all[all.length >> 1], change: Math.sqrt(dn / n0), deltaMedianCI: dCI[dCI.length >> 1], acc: lastAcc, loss: lastLoss, b0: r.branches[0]!.medianColorIndex, b1: r.branches[1]!.medianColorIndex, p: r.pairs[0]!.colorP, verdict: r.colorVerdict, freqVerdict: r.frequencyVerdict }));
